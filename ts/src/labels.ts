/**
 * Labels with bounded cardinality for metrics and OpenTelemetry's `error.type`: every
 * table's `metricLabel(code)` is the code itself when the table has it, and
 * `OTHER_LABEL` for any other text, never that text; its `METRIC_LABELS` lists every
 * label it can return. The twin of Rust's `captcha_errors::OTHER_LABEL`.
 *
 * @module
 */

/**
 * The metric label (and `error.type`) of every code a catalog does not know: the last of
 * every table's `METRIC_LABELS`. No key of any catalog can be this word.
 */
export const OTHER_LABEL = "_OTHER";

/** `keys` in their order, then `OTHER_LABEL`: a table's `METRIC_LABELS`. */
export function metricLabels<K extends string>(keys: readonly K[]): readonly (K | typeof OTHER_LABEL)[] {
  return Object.freeze([...keys, OTHER_LABEL]);
}
