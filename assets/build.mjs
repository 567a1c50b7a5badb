// Builds the portal's CSS and JS into static/dist from the npm packages (`make assets`, offline
// after `npm ci`). Reproducible: the same packages and sources give the same bytes.
//
//   dist/portal.css  Bootstrap's Sass (only the parts assets/portal.scss imports), the Sarabun
//                    faces (woff2 only) with a metric-matched fallback, the house styles; then
//                    PurgeCSS keeps only the selectors the templates, scripts and forms use.
//   dist/portal.js   Bootstrap's collapse (the navigation's toggle), minified; every page.
//   dist/htmx.js     htmx, minified; only the pages that use it load it.
//   dist/chartjs.js  Chart.js with only the chart types, scales and plugins the pages draw.
//   dist/fonts/      the Sarabun woff2 files the CSS names (and the templates preload).
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "esbuild";
import { PurgeCSS } from "purgecss";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static", "dist");
const fontsource = join(root, "node_modules", "@fontsource", "sarabun");

// Everything that may write a class into a page: templates, the portal's scripts, the Python
// that gives widgets their classes, and crispy-forms' Bootstrap 5 templates.
const CONTENT = [
  "templates/**/*.html",
  "*/templates/**/*.html",
  "static/js/*.js",
  "{agencies,surveys,awards,common,api,readiness_portal}/**/*.py",
  ".venv/lib/python*/site-packages/crispy_bootstrap5/**/*.{html,py}",
  ".venv/lib/python*/site-packages/crispy_forms/**/*.{html,py}",
].map((pattern) => join(root, pattern));

// Classes no file spells out whole: built in templates from a value (alert-{{ tag }},
// text-bg-{% if ... %}), or added at run time by Bootstrap's collapse and by htmx.
const SAFELIST = {
  standard: ["show", "collapsing", "collapsed", "collapse-horizontal", "active", "disabled", "is-invalid", "is-valid"],
  deep: [],
  greedy: [/^alert-/, /^text-bg-/, /^htmx-/],
};

function fontFaces() {
  // @fontsource's CSS, woff2 only (every browser the portal supports reads it), pointing at
  // dist/fonts; the files it names are copied there.
  mkdirSync(join(out, "fonts"), { recursive: true });
  let css = "";
  for (const weight of ["400", "700"]) {
    css += readFileSync(join(fontsource, `${weight}.css`), "utf8").replace(
      /src: url\(\.\/files\/([\w-]+\.woff2)\) format\('woff2'\), url\(\.\/files\/[\w-]+\.woff\) format\('woff'\);/g,
      (_, file) => {
        copyFileSync(join(fontsource, "files", file), join(out, "fonts", file));
        return `src: url(fonts/${file}) format("woff2");`;
      },
    );
  }
  if (css.includes(".woff)")) throw new Error("@fontsource/sarabun's CSS changed shape: update assets/build.mjs");
  // font-display: optional, not swap: the faces are preloaded, so they are there for the first
  // paint; a face that comes later is kept for the next page instead of swapped in. No local
  // font has Sarabun's Thai widths, so a swap would re-break Thai lines (a layout shift) and
  // lay the whole page out again for every face that arrives.
  if (!css.includes("font-display: swap;")) throw new Error("@fontsource/sarabun's CSS changed: font-display");
  return css.replaceAll("font-display: swap;", "font-display: optional;");
}

async function styles() {
  const compiled = sass.compile(join(root, "assets", "portal.scss"), {
    loadPaths: [join(root, "node_modules")],
    style: "expanded",
    quietDeps: true,
  });
  const [purged] = await new PurgeCSS().purge({
    content: CONTENT,
    css: [{ raw: compiled.css.replace(/^@charset "UTF-8";\s*/, "") + fontFaces() }],
    safelist: SAFELIST,
    fontFace: false,
    keyframes: true,
  });
  // Minified by esbuild's CSS minifier (a stable, whitespace- and syntax-level pass).
  const minified = await build({
    stdin: { contents: purged.css, loader: "css", resolveDir: out },
    bundle: false,
    minify: true,
    write: false,
    target: ["chrome100", "firefox100", "safari15"],
  });
  writeFileSync(join(out, "portal.css"), minified.outputFiles[0].text);
}

async function scripts() {
  const common = { bundle: true, minify: true, format: "iife", target: ["es2020"], legalComments: "none" };
  await build({ ...common, entryPoints: [join(root, "assets", "portal.js")], outfile: join(out, "portal.js") });
  await build({ ...common, entryPoints: [join(root, "assets", "htmx.js")], outfile: join(out, "htmx.js") });
  await build({ ...common, entryPoints: [join(root, "assets", "chartjs.js")], outfile: join(out, "chartjs.js") });
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await styles();
await scripts();
