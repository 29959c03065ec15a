/**
 * Makes sharp's SVG rasteriser use the fonts shipped in assets/fonts and nothing else.
 *
 * librsvg finds fonts through fontconfig, which reads FONTCONFIG_FILE once, when the first text is
 * rasterised (checked: setting it after `import sharp` but before the first render still works;
 * setting it after the first render does not). Every module that loads sharp imports this one
 * first. This is the one place outside config.ts that touches process.env: it configures a native
 * library for this process, it does not read configuration.
 */
import { fileURLToPath } from "node:url";

export const FONTCONFIG_FILE = fileURLToPath(new URL("../../assets/fontconfig/fonts.conf", import.meta.url));
export const FONTS_DIR = fileURLToPath(new URL("../../assets/fonts/", import.meta.url));

process.env.FONTCONFIG_FILE = FONTCONFIG_FILE;
