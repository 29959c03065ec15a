#!/usr/bin/env node
// Loads the TypeScript CLI through tsx's loader in this same process, so `npx offer-digest`
// needs no build step and signals reach the command directly.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
