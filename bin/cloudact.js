#!/usr/bin/env node
"use strict";
// Runs the TypeScript CLI through tsx, so `npx cloudact` works right after `npm ci` with no build step.
require("tsx/cjs/api").register();
const { main } = require("../src/cli/main.ts");
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
