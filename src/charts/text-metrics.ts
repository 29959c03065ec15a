/**
 * Text widths from the shipped font's own metrics, for Vega's layout. Without a canvas Vega guesses
 * 0.8 em a character, ~40% too wide for DejaVu Sans: the y axis takes room it does not need, legend
 * entries drift apart, and a title `limit` would cut text that fits. vl-convert does the same
 * (vega-scenegraph's `textMetrics.width` is meant to be replaced). Kerning is ignored: under 1% here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FONTS_DIR } from "./fonts.ts";

interface FontMetrics {
  /** Advance width of a code point in em. */
  advance(codePoint: number): number;
}

/** Reads `head`, `hhea`, `hmtx` and the Unicode BMP `cmap` (format 4) of a TrueType file. */
export function loadFontMetrics(file: string): FontMetrics {
  const buf = readFileSync(file);
  const tables = new Map<string, number>();
  const numTables = buf.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    tables.set(buf.toString("latin1", rec, rec + 4), buf.readUInt32BE(rec + 8));
  }
  const at = (tag: string): number => {
    const off = tables.get(tag);
    if (off === undefined)
      throw new Error(`${file} has no "${tag}" table: not a TrueType font Vega can measure with.`);
    return off;
  };
  const unitsPerEm = buf.readUInt16BE(at("head") + 18);
  const numberOfHMetrics = buf.readUInt16BE(at("hhea") + 34);
  const hmtx = at("hmtx");
  const glyphAdvance = (glyph: number) => buf.readUInt16BE(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));

  const cmap = at("cmap");
  let sub = -1;
  for (let i = 0; i < buf.readUInt16BE(cmap + 2); i++) {
    const rec = cmap + 4 + i * 8;
    const platform = buf.readUInt16BE(rec);
    const encoding = buf.readUInt16BE(rec + 2);
    const off = cmap + buf.readUInt32BE(rec + 4);
    if (buf.readUInt16BE(off) === 4 && ((platform === 3 && encoding === 1) || platform === 0)) sub = off;
  }
  if (sub === -1) throw new Error(`${file} has no Unicode format-4 cmap.`);
  const segX2 = buf.readUInt16BE(sub + 6);
  const ends = sub + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;

  const glyphOf = (cp: number): number => {
    for (let s = 0; s < segX2; s += 2) {
      if (cp > buf.readUInt16BE(ends + s)) continue;
      const start = buf.readUInt16BE(starts + s);
      if (cp < start) return 0;
      const delta = buf.readInt16BE(deltas + s);
      const range = buf.readUInt16BE(ranges + s);
      if (range === 0) return (cp + delta) & 0xffff;
      const g = buf.readUInt16BE(ranges + s + range + 2 * (cp - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const cache = new Map<number, number>();
  return {
    advance(cp) {
      let w = cache.get(cp);
      if (w === undefined) {
        w = cp > 0xffff ? 0.6 : glyphAdvance(glyphOf(cp)) / unitsPerEm;
        cache.set(cp, w);
      }
      return w;
    },
  };
}

let faces: { regular: FontMetrics; bold: FontMetrics } | null = null;

/** Loaded on first use, so importing a template costs no file reads. */
function metrics(isBold: boolean): FontMetrics {
  faces ??= {
    regular: loadFontMetrics(join(FONTS_DIR, "DejaVuSans.ttf")),
    bold: loadFontMetrics(join(FONTS_DIR, "DejaVuSans-Bold.ttf")),
  };
  return isBold ? faces.bold : faces.regular;
}

/** Width in px of `text` at `fontSize` px. */
export function textWidth(text: string, fontSize: number, isBold = false): number {
  const m = metrics(isBold);
  let em = 0;
  for (const ch of text) em += m.advance(ch.codePointAt(0) as number);
  return em * fontSize;
}

/** The parts of a Vega text item the width depends on. */
interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
}

function isBoldWeight(w: TextItem["fontWeight"]): boolean {
  return (
    w === "bold" ||
    w === "bolder" ||
    (typeof w === "number" && w >= 600) ||
    (typeof w === "string" && Number(w) >= 600)
  );
}

/**
 * Drop-in for vega's `textMetrics.width(item, text)`: the width of `text` as given, trimmed. No
 * `limit` truncation here, unlike Vega's estimate: Vega's own truncation calls this function to
 * measure the untruncated text and would never cut if it got a cut width back.
 */
export function vegaTextWidth(item: TextItem, line?: unknown): number {
  const size = item.fontSize != null ? +item.fontSize || 0 : 11;
  return textWidth(line == null ? "" : String(line).trim(), size, isBoldWeight(item.fontWeight));
}

/**
 * `text` cut with "…" to at most `maxPx`. Texts are cut before they reach Vega: with a measuring
 * function of its own, Vega lays out by the uncut width, and a long title squeezes the plot to nothing.
 */
export function fitText(text: string, maxPx: number, fontSize: number, isBold = false): string {
  if (textWidth(text, fontSize, isBold) <= maxPx) return text;
  const room = maxPx - textWidth("…", fontSize, isBold);
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (textWidth(text.slice(0, mid), fontSize, isBold) <= room) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo).trimEnd()}…`;
}
