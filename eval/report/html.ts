/**
 * The HTML report: one self-contained file (inline CSS and a few lines of JS, no external
 * assets). Every piece of text from the dataset or an answer goes through `esc`.
 */
import { normalizeQuery } from "../../core/text/normalize.ts";
import { groupKeys } from "./console.ts";
import type { MetricInfo } from "./format.ts";
import { delta, formatDelta, formatValue, metricInfos, verdict } from "./format.ts";
import type { QuestionRecord, Report } from "./schema.ts";

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

type Metrics = Report["system"]["metrics"]["overall"];

function metricRows(infos: MetricInfo[], sys: Metrics, base: Metrics | undefined): string {
  return infos
    .map((m) => {
      const s = sys.values[m.key]?.value;
      const cells = [`<th>${esc(m.label)}</th>`, `<td>${sys.values[m.key]?.n ?? 0}</td>`, `<td>${esc(formatValue(m.kind, s))}</td>`];
      if (base) {
        const d = delta(s, base.values[m.key]?.value);
        cells.push(`<td>${esc(formatValue(m.kind, base.values[m.key]?.value))}</td>`, `<td class="${verdict(m, d)}">${esc(formatDelta(m.kind, d))}</td>`);
      }
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("\n");
}

function overallTable(report: Report): string {
  const base = report.baseline?.metrics.overall;
  const head = `<tr><th>metric</th><th>n</th><th>system</th>${base ? "<th>baseline</th><th>Δ</th>" : ""}</tr>`;
  return `<table class="metrics">${head}\n${metricRows(metricInfos(report.config.k), report.system.metrics.overall, base)}</table>`;
}

function groupTable(title: string, groups: Record<string, Metrics>, base: Record<string, Metrics> | undefined, k: number): string {
  const infos = metricInfos(k).filter((m) => groupKeys(k).includes(m.key));
  const head = `<tr><th>${esc(title)}</th><th>n</th>${infos.map((m) => `<th>${esc(m.label)}</th>`).join("")}</tr>`;
  const rows = Object.entries(groups).map(([name, set]) => {
    const cells = infos.map((m) => {
      const s = set.values[m.key]?.value;
      if (!base) return `<td>${esc(formatValue(m.kind, s))}</td>`;
      const b = base[name]?.values[m.key]?.value;
      const d = delta(s, b);
      return `<td>${esc(formatValue(m.kind, s))}<br><small>${esc(formatValue(m.kind, b))} <span class="${verdict(m, d)}">${esc(formatDelta(m.kind, d))}</span></small></td>`;
    });
    return `<tr><th>${esc(name)}</th><td>${set.n}</td>${cells.join("")}</tr>`;
  });
  return `<h3>by ${esc(title)}</h3>${base ? "<p class=\"hint\">each cell: system, then baseline and Δ</p>" : ""}<table class="groups">${head}\n${rows.join("\n")}</table>`;
}

const docName = (d: { docNumber: string | null; title: string }) => (d.docNumber ? `${d.docNumber} 《${d.title}》` : `《${d.title}》`);
const mark = (ok: boolean) => (ok ? `<span class="pass">✓</span>` : `<span class="fail">✗</span>`);

function checksCell(q: QuestionRecord): string {
  return Object.entries(q.checks)
    .filter(([, v]) => v !== null)
    .map(([name, v]) => `<span class="chk ${v ? "pass" : "fail"}">${esc(name)}</span>`)
    .join(" ");
}

function questionRow(q: QuestionRecord, base: QuestionRecord | undefined): string {
  const cites = q.citations
    .map((c) => `<li>[${c.n}] ${mark(c.document.gold)} ${esc(docName(c.document))}${c.quoteValid ? "" : ' <span class="fail">quote not verbatim</span>'}<br><q>${esc(c.quote)}</q></li>`)
    .join("");
  const gold = q.gold.map((g) => `<li>${esc(`${g.issue} ${docName({ docNumber: g.doc_number, title: g.title })}`)}</li>`).join("");
  const facts = q.mustInclude.map((m) => `<li>${mark(m.found)} ${esc(m.fact)}</li>`).join("");
  const evidence = q.evidence.map((e) => `<li>${mark(e.atK)} <q>${esc(e.snippet)}</q></li>`).join("");
  const retrieved = q.retrieved.slice(0, 5).map((d) => `<li>${mark(d.gold)} ${esc(docName(d))}</li>`).join("");
  const answer = q.error ? `<span class="fail">error: ${esc(q.error)}</span>` : q.abstained ? `<em>abstained:</em> ${esc(q.answer)}` : esc(q.answer);
  const baseCell = base
    ? `<td>${base.failed.length ? base.failed.map((f) => `<span class="chk fail">${esc(f)}</span>`).join(" ") : '<span class="pass">all pass</span>'}<details><summary>answer</summary>${esc(base.abstained ? `(abstained) ${base.answer}` : base.answer)}</details></td>`
    : "";
  return `<tr data-persona="${esc(q.persona)}" data-tags="${esc(` ${q.tags.join(" ")} `)}" data-failed="${q.failed.length ? 1 : 0}">
<td><b>${esc(q.id)}</b><br>${esc(q.persona)}<br><small>${esc(q.tags.join(", "))}</small></td>
<td>${esc(q.question)}${q.standalone !== normalizeQuery(q.question) ? `<br><small>searched: ${esc(q.standalone)}</small>` : ""}</td>
<td>${answer}${cites ? `<ol class="cites">${cites}</ol>` : ""}</td>
<td>${q.answerable ? `<ul>${gold}</ul><b>must include</b><ul>${facts}</ul><b>evidence</b><ul>${evidence}</ul>` : "<em>unanswerable: should abstain</em>"}<details><summary>retrieved (gold rank ${q.goldRank ?? "–"})</summary><ul>${retrieved}</ul></details></td>
<td>${checksCell(q)}</td>${baseCell}
<td>${Math.round(q.latencyMs)} ms</td></tr>`;
}

const CSS = `body{font:14px/1.5 system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top;text-align:left}table.metrics td,table.groups td{text-align:right}
.better{color:#17803d}.worse{color:#c0392b}.pass{color:#17803d}.fail{color:#c0392b}.chk{display:inline-block;border-radius:3px;padding:0 .3rem;margin:1px;font-size:12px}
.chk.pass{background:#e3f5e9}.chk.fail{background:#fbe4e1}q{color:#555}ul,ol{margin:.2rem 0;padding-left:1.2rem}.hint,small{color:#666}
table.questions td{max-width:28rem}.meta{color:#555}`;

const JS = `const sel=document.getElementById('filter');sel.addEventListener('change',()=>{const v=sel.value;let shown=0;
for(const tr of document.querySelectorAll('table.questions tbody tr')){const ok=v==='all'||(v==='failed'&&tr.dataset.failed==='1')||
(v.startsWith('persona:')&&tr.dataset.persona===v.slice(8))||(v.startsWith('tag:')&&tr.dataset.tags.includes(' '+v.slice(4)+' '));
tr.hidden=!ok;if(ok)shown++;}document.getElementById('shown').textContent=shown;});`;

export function htmlReport(report: Report): string {
  const { config: c, system, baseline } = report;
  const k = c.k;
  const baseById = new Map(baseline?.questions.map((q) => [q.id, q]));
  const personas = [...new Set(system.questions.map((q) => q.persona))].sort();
  const tags = [...new Set(system.questions.flatMap((q) => q.tags))].sort();
  const options = [
    `<option value="all">all questions</option>`, `<option value="failed">failed only</option>`,
    ...personas.map((p) => `<option value="persona:${esc(p)}">persona: ${esc(p)}</option>`),
    ...tags.map((t) => `<option value="tag:${esc(t)}">tag: ${esc(t)}</option>`),
  ].join("");
  const title = `gongbao eval — ${report.dataset.name}`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${CSS}</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="meta">${esc(`${report.createdAt} · ${report.dataset.path} (${report.dataset.questions} questions) · ${c.via}${c.api ? ` ${c.api}` : ""} · mode ${c.mode} · embedder ${c.embedder} · run ${c.runId ?? "?"} · k=${k}${c.source ? ` · source ${c.source}` : ""} · ${(report.durationMs / 1000).toFixed(1)} s`)}</p>
${report.notes.map((n) => `<p class="hint">note: ${esc(n)}</p>`).join("\n")}
<h2>Metrics</h2>
${overallTable(report)}
${groupTable("persona", system.metrics.byPersona, baseline?.metrics.byPersona, k)}
${groupTable("issue", system.metrics.byIssue, baseline?.metrics.byIssue, k)}
${groupTable("tag", system.metrics.byTag, baseline?.metrics.byTag, k)}
<h2>Questions</h2>
<p><label>show <select id="filter">${options}</select></label> · <span id="shown">${system.questions.length}</span> shown</p>
<table class="questions"><thead><tr><th>id</th><th>question</th><th>answer and citations</th><th>gold</th><th>checks</th>${baseline ? "<th>baseline</th>" : ""}<th>latency</th></tr></thead>
<tbody>
${system.questions.map((q) => questionRow(q, baseById.get(q.id))).join("\n")}
</tbody></table>
<script>${JS}</script>
</body></html>
`;
}
