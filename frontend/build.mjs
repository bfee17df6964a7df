// Builds the front-end assets of VIT into ../static/vit/:
//   css/vit.css   own header + fonts + the NL Design System components we use + theme + own CSS
//   fonts/        Source Sans 3 (woff2, latin and latin-ext) and its licence OFL.txt
//   js/vit.js     progressive enhancements
//   img/          logo mark and icons
//
// Usage: npm ci && npm run build        (node build.mjs --check also lists design tokens
// that the components use without a fallback and that the theme does not define)
//
// The output is committed, so a running VIT instance never needs Node.

import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const src = join(here, "src");
const out = join(here, "..", "static", "vit");

// NL Design System component packages (versions pinned through @utrecht/component-library-css
// in package-lock.json). Only what VIT pages use, to keep the stylesheet small.
const COMPONENTS = [
  "document",
  "page",
  "page-header",
  "page-content",
  "page-footer",
  "skip-link",
  "nav-bar",
  "nav-list",
  "breadcrumb-nav",
  "heading-1",
  "heading-2",
  "heading-3",
  "heading-4",
  "heading-5",
  "heading-6",
  "paragraph",
  "emphasis",
  "link",
  "link-list",
  "unordered-list",
  "ordered-list",
  "data-list",
  "separator",
  "table",
  "alert",
  "button",
  "button-group",
  "action-group",
  "form",
  "form-field",
  "form-label",
  "form-fieldset",
  "form-field-description",
  "form-field-error-message",
  "textbox",
  "textarea",
  "select",
  "radio-button",
  "checkbox",
];

// Source Sans 3: the weights and styles the theme uses, for Latin and Latin Extended.
const FONT_FACES = [
  { weight: 400, style: "normal" },
  { weight: 400, style: "italic" },
  { weight: 600, style: "normal" },
  { weight: 700, style: "normal" },
];
const FONT_SUBSETS = {
  latin:
    "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329," +
    "U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
  "latin-ext":
    "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329," +
    "U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C4,U+2113,U+2C60-2C7F," +
    "U+A720-A7FF",
};
const FONT_DIR = join(modules, "@fontsource", "source-sans-3");
const FONT_COPYRIGHT =
  "Copyright 2010-2023 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'.";

function read(path) {
  return readFileSync(path, "utf8");
}

function packageVersion(name) {
  return JSON.parse(read(join(modules, name, "package.json"))).version;
}

// The packages' .min.css files still carry line breaks inside var() fallbacks.
function compact(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s*\n\s*/g, " ")
    .replace(/\(\s+/g, "(")
    .replace(/\s+\)/g, ")")
    .trim();
}

// Top-level rules whose selectors all match this are left out: component variants that VIT
// does not use and the theme does not style, and the state classes (--hover, --focus, ...)
// that only JavaScript frameworks set; the HTML variants use :hover, :focus and so on.
const UNUSED_VARIANTS = new RegExp(
  "--(ready|warning|busy|hover|focus|focus-visible|active|pressed|checked|disabled|" +
    "house-[a-z]+-size|iban(-nl)?-size|postal-code-nl-size|tel(-nl)?-size|voorvoegsel-size|" +
    "placeholder-rtl|placeholder-ltr)\\b|-(ready|warning)-",
);

function pruneUnusedVariants(css) {
  const kept = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < css.length; i++) {
    if (css[i] === "{") depth++;
    else if (css[i] === "}" && --depth === 0) {
      const rule = css.slice(start, i + 1);
      const selectors = rule.slice(0, rule.indexOf("{")).split(",");
      const unused =
        !rule.trimStart().startsWith("@") && selectors.every((s) => UNUSED_VARIANTS.test(s));
      if (!unused) kept.push(rule);
      start = i + 1;
    }
  }
  return kept.join("") + css.slice(start);
}

function componentCss() {
  return COMPONENTS.map((name) => {
    const pkg = `@utrecht/${name}-css`;
    const css = pruneUnusedVariants(compact(read(join(modules, pkg, "dist", "index.min.css"))));
    return `/* ${pkg}@${packageVersion(pkg)} */\n${css}`;
  }).join("\n");
}

// Own CSS: comments out, whitespace collapsed (the readable sources are in src/).
function minify(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([{};,>])\s*/g, "$1")
    .replace(/([{;][a-z-][a-z0-9-]*):\s+/g, "$1:")
    .replace(/;}/g, "}")
    .trim();
}

function fontCss() {
  const rules = [];
  for (const [subset, range] of Object.entries(FONT_SUBSETS)) {
    for (const { weight, style } of FONT_FACES) {
      const file = `source-sans-3-${subset}-${weight}-${style}.woff2`;
      rules.push(
        `@font-face{font-family:"Source Sans 3";font-style:${style};font-display:swap;` +
          `font-weight:${weight};src:url("../fonts/${file}") format("woff2");` +
          `unicode-range:${range}}`,
      );
    }
  }
  return rules.join("\n");
}

function copyFonts() {
  const dir = join(out, "fonts");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const subset of Object.keys(FONT_SUBSETS)) {
    for (const { weight, style } of FONT_FACES) {
      const file = `source-sans-3-${subset}-${weight}-${style}.woff2`;
      copyFileSync(join(FONT_DIR, "files", file), join(dir, file));
    }
  }
  // The package's LICENSE holds the SIL Open Font License text; the copyright line is the
  // one in the font files' name table.
  const licence = read(join(FONT_DIR, "LICENSE")).split("\n");
  const start = licence.findIndex((line) => line.includes("SIL Open Font License"));
  writeFileSync(
    join(dir, "OFL.txt"),
    `Source Sans 3 (@fontsource/source-sans-3@${packageVersion("@fontsource/source-sans-3")})\n` +
      `${FONT_COPYRIGHT}\n\n${licence.slice(start).join("\n")}`,
  );
}

function copyDir(from, to) {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(from)) {
    copyFileSync(join(from, file), join(to, file));
  }
}

function ownHeader(ownCss) {
  // The comment block at the top of src/vit.css documents the vit-* classes; it goes first.
  const match = ownCss.match(/^\/\*[\s\S]*?\*\//);
  return match ? match[0] : "";
}

function checkTokens(components, theme) {
  const defined = new Set(theme.match(/--[a-z0-9-]+(?=\s*:)/g));
  const missing = new Set();
  for (const match of components.matchAll(/var\((--utrecht-[a-z0-9-]+)\)/g)) {
    if (!defined.has(match[1])) missing.add(match[1]);
  }
  console.log(`${missing.size} tokens used without fallback and not set by the theme:`);
  for (const token of [...missing].sort()) console.log(`  ${token}`);
}

function build() {
  const components = componentCss();
  const theme = read(join(src, "theme.css"));
  const own = read(join(src, "vit.css"));
  if (process.argv.includes("--check")) {
    checkTokens(components, theme);
    return;
  }

  mkdirSync(join(out, "css"), { recursive: true });
  const css = [
    ownHeader(own),
    "/* Fonts: Source Sans 3, SIL Open Font License 1.1 (see ../fonts/OFL.txt) */",
    fontCss(),
    "/* NL Design System components, @utrecht/*-css, EUPL-1.2. Copyright (c) 2020-2024 Frameless B.V., Copyright (c) 2021-2024 Gemeente Utrecht */",
    components,
    "/* VIT theme (frontend/src/theme.css) */",
    minify(theme),
    "/* VIT own additions (frontend/src/vit.css) */",
    minify(own.replace(ownHeader(own), "")),
    "",
  ].join("\n");
  writeFileSync(join(out, "css", "vit.css"), css);

  copyFonts();
  copyDir(join(src, "img"), join(out, "img"));
  mkdirSync(join(out, "js"), { recursive: true });
  copyFileSync(join(src, "vit.js"), join(out, "js", "vit.js"));

  const kb = (Buffer.byteLength(css) / 1024).toFixed(1);
  console.log(`static/vit/css/vit.css: ${kb} KB`);
}

build();
