/**
 * The perplexity report as terminal tables and as Markdown.
 * @module
 */
import type { PerplexityReport, PerplexitySetReport } from "../node/perplexity/index.js";
import { textTable } from "./textTable.js";

function quantileOf(set: PerplexitySetReport, p: number): number | undefined {
  return set.perplexity.quantiles.find((q) => q.p === p)?.value;
}

function num(x: number | null | undefined, digits = 4): string {
  return x === null || x === undefined ? "-" : x.toFixed(digits);
}

function pct(p: number): string {
  return `p${Math.round(p * 1000) / 10}`;
}

function columns(report: PerplexityReport): { header: string[]; rows: string[][] } {
  const ps = report.settings.probabilities;
  const header = ["set", "responses", "tokens", "micro PPL", "macro PPL", "bits/token", "bits/byte", ...ps.map((p) => (p === 0.5 ? "median" : pct(p)))];
  const rows = report.sets.map((s) => [
    s.name,
    String(s.responses),
    String(s.tokens),
    num(s.microPerplexity),
    num(s.macroPerplexity),
    num(s.microBitsPerToken),
    num(s.bitsPerByte),
    ...ps.map((p) => num(quantileOf(s, p))),
  ]);
  return { header, rows };
}

function comparisonRows(report: PerplexityReport): string[][] {
  return report.comparisons.map((c) => [c.a, c.b, `${(100 * c.shareOfABelow).toFixed(1)}%`, num(c.threshold), num(c.medianA), num(c.medianB)]);
}

function level(q: number): string {
  return q === 0.5 ? "median" : `${pct(q)} quantile`;
}


/**
 * The report as plain-text tables: per set, micro (token-weighted) and macro (per-response)
 * perplexity, bits per token and per byte, quantiles of the per-response perplexity; then the
 * share of each set below the reference quantile of another. Rounded to 4 decimals (report.json
 * keeps full precision).
 *
 * @param report - a {@link PerplexityReport}
 *
 * @example
 * ```ts
 * import { sequencePerplexity } from "passk";
 * import { perplexityReport } from "passk/node";
 * import { formatPerplexityReportText } from "passk/cli";
 * const report = perplexityReport([{ name: "a", results: [sequencePerplexity([Math.log(0.5)])] }]);
 * console.log(formatPerplexityReportText(report).split("\n")[0]); // => passk perplexity report: 1 set, 1 response
 * ```
 */
export function formatPerplexityReportText(report: PerplexityReport): string {
  const responses = report.sets.reduce((n, s) => n + s.responses, 0);
  const out: string[] = [
    `passk perplexity report: ${report.sets.length} set${report.sets.length === 1 ? "" : "s"}, ${responses} response${responses === 1 ? "" : "s"}`,
    "",
    "perplexity per set (micro: token-weighted; macro and quantiles: per response)",
  ];
  const { header, rows } = columns(report);
  out.push(textTable([header, ...rows]));
  if (report.comparisons.length > 0) {
    out.push("", `share of responses of A with perplexity below the ${level(report.settings.q)} of B`);
    out.push(textTable([["A", "B", "share below", `${level(report.settings.q)} of B`, "median A", "median B"], ...comparisonRows(report)]));
  }
  for (const w of report.warnings) out.push(`warning: ${w}`);
  return `${out.join("\n")}\n`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/gu, "\\|");
}

function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(" | ")} |`;
  return [line(header), `|${header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`, ...rows.map(line)].join("\n");
}

/**
 * The report as Markdown, with the same tables as the terminal output and a link to the figure
 * when `figure` names it (relative to the Markdown file).
 *
 * @param report - a {@link PerplexityReport}
 * @param figure - the figure's file name, e.g. `perplexity.svg`
 *
 * @example
 * ```ts
 * import { sequencePerplexity } from "passk";
 * import { perplexityReport } from "passk/node";
 * import { perplexityReportMarkdown } from "passk/cli";
 * const report = perplexityReport([{ name: "a", results: [sequencePerplexity([Math.log(0.5)])] }]);
 * const md = perplexityReportMarkdown(report, "perplexity.svg");
 * console.log(md.split("\n")[0], md.includes("![perplexity per response](perplexity.svg)")); // => # passk perplexity report true
 * ```
 */
export function perplexityReportMarkdown(report: PerplexityReport, figure?: string): string {
  const out: string[] = ["# passk perplexity report", ""];
  const files = report.sets.flatMap((s) => s.files.map((f) => `- ${s.name}: \`${f}\``));
  if (files.length > 0) out.push("Files read:", "", ...files, "");
  out.push("## Perplexity per set", "", "Micro: token-weighted, exp(Σ NLL / Σ tokens). Macro and quantiles: per response.", "");
  const { header, rows } = columns(report);
  out.push(mdTable(header, rows), "");
  if (figure !== undefined) out.push(`![perplexity per response](${figure})`, "");
  if (report.comparisons.length > 0) {
    out.push(`## Share of A below the ${level(report.settings.q)} of B`, "");
    out.push(mdTable(["A", "B", "share below", `${level(report.settings.q)} of B`, "median A", "median B"], comparisonRows(report)), "");
  }
  if (report.warnings.length > 0) out.push("## Warnings", "", ...report.warnings.map((w) => `- ${w}`), "");
  return out.join("\n");
}
