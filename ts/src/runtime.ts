/**
 * The hand-written part of the package that every generated module imports as `rt`: the
 * problem types and shared checks (`checks.ts`), the metric labels (`labels.ts`), the
 * problems and their messages (`problems.ts`), and the walk over a whole config
 * (`walk.ts`), and the locales' tags and the shape of a locale module's table (`locale.ts`). Generation never writes these files, and they know no word of any catalog.
 *
 * @module
 */

export * from "./checks.js";
export * from "./labels.js";
export * from "./locale.js";
export * from "./problems.js";
export * from "./walk.js";
