/**
 * The pages of `sop preview`, as strings (no I/O here): the index of a
 * folder's SOPs, a document with the live-reload script and, when the file
 * has errors, the diagnostics overlaid on its last good document.
 */
import type { Lang } from '../../diagnostics/catalog.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { encodeSegment } from '../../util/href.js';

/** What the preview knows about one SOP. */
export interface PreviewEntry {
  /** Path relative to the previewed folder, `/` separators. */
  readonly rel: string;
  readonly title: string;
  /** The last document rendered without errors (null: never rendered). */
  readonly html: string | null;
  /** The current errors and warnings of the file (the overlay shows errors and warnings). */
  readonly diagnostics: readonly Diagnostic[];
}

export type PreviewStatus = 'ok' | 'warning' | 'error';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** HTML-escapes text (titles and messages come from user files). */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]!);

/** The URL path of an SOP's page: every segment percent-encoded (names may hold `#`, `?`, `%`). */
export function viewPath(rel: string): string {
  return `/view/${rel.split('/').map(encodeSegment).join('/')}`;
}

export function statusOf(e: PreviewEntry): PreviewStatus {
  if (e.diagnostics.some((d) => d.severity === 'error')) return 'error';
  return e.diagnostics.length > 0 ? 'warning' : 'ok';
}

const t = (lang: Lang, id: string, en: string): string => (lang === 'en' ? en : id);

function statusLabel(s: PreviewStatus, lang: Lang, n: number): string {
  if (s === 'ok') return t(lang, 'baik', 'ok');
  if (s === 'warning') return t(lang, `${n} peringatan`, `${n} warning(s)`);
  return t(lang, `${n} galat`, `${n} error(s)`);
}

/**
 * The live-reload client: listens to the server's events and reloads the page
 * when its file (or everything, `*`) changed, keeping the scroll position.
 * `file` is null on the index, which reloads on any change.
 */
export function reloadScript(file: string | null): string {
  // JSON.stringify, then `<` escaped: a file name cannot close the script element.
  const f = JSON.stringify(file).replace(/</g, '\\u003c');
  return `<script data-sop-preview="reload">(()=>{const file=${f};const key='sop-preview-scroll:'+location.pathname;
const y=sessionStorage.getItem(key);if(y!==null){sessionStorage.removeItem(key);addEventListener('load',()=>scrollTo(0,+y));scrollTo(0,+y);}
const es=new EventSource('/events');es.addEventListener('change',(e)=>{const d=JSON.parse(e.data);
if(file===null||d.file===file||d.file==='*'){sessionStorage.setItem(key,String(scrollY));es.close();location.reload();}});})();</script>`;
}

const OVERLAY_CSS = `#sop-preview-overlay{position:fixed;left:12px;right:12px;bottom:12px;max-height:45vh;overflow:auto;z-index:2147483647;
background:#fff8f6;color:#3b0d0c;border:2px solid #c62828;border-radius:6px;box-shadow:0 4px 18px rgba(0,0,0,.25);
font:14px/1.45 system-ui,sans-serif;padding:10px 14px}#sop-preview-overlay h2{font-size:15px;margin:0 0 6px}
#sop-preview-overlay ol{margin:0;padding-left:20px}#sop-preview-overlay li{margin:4px 0}
#sop-preview-overlay .line{font-weight:600}#sop-preview-overlay .code{color:#7a4a48;font-family:monospace}
#sop-preview-overlay .hint{color:#4b4b4b}#sop-preview-overlay li[data-severity=warning]{color:#5d4300}
@media print{#sop-preview-overlay{display:none}}`;

/** The overlay listing a file's diagnostics (errors first); empty when it has none. */
export function overlayHtml(e: PreviewEntry, lang: Lang): string {
  if (e.diagnostics.length === 0) return '';
  const errors = e.diagnostics.filter((d) => d.severity === 'error');
  const shown = [...errors, ...e.diagnostics.filter((d) => d.severity !== 'error')];
  const heading =
    errors.length === 0
      ? t(lang, `${escapeHtml(e.rel)}: ${shown.length} peringatan`, `${escapeHtml(e.rel)}: ${shown.length} warning(s)`)
      : e.html === null
        ? t(lang, `${escapeHtml(e.rel)} belum dapat digambar: ${errors.length} galat`, `${escapeHtml(e.rel)} cannot be drawn yet: ${errors.length} error(s)`)
        : t(
            lang,
            `${escapeHtml(e.rel)}: ${errors.length} galat; yang tampil adalah versi terakhir yang benar`,
            `${escapeHtml(e.rel)}: ${errors.length} error(s); showing the last good version`,
          );
  const items = shown
    .map((d) => {
      const line = d.range.start.line;
      return (
        `<li data-code="${escapeHtml(d.code)}" data-line="${line}" data-severity="${d.severity}">` +
        `<span class="line">${t(lang, 'Baris', 'Line')} ${line}:</span> ${escapeHtml(d.message)} <span class="code">[${escapeHtml(d.code)}]</span>` +
        (d.hint ? `<div class="hint">${escapeHtml(d.hint)}</div>` : '') +
        '</li>'
      );
    })
    .join('');
  return `<style>${OVERLAY_CSS}</style><aside id="sop-preview-overlay" role="alert" data-status="${statusOf(e)}"><h2>${heading}</h2><ol>${items}</ol></aside>`;
}

/** Inserts `extra` before `</body>` (or at the end when there is none). */
function inject(html: string, extra: string): string {
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at < 0 ? html + extra : html.slice(0, at) + extra + html.slice(at);
}

/** The page of one SOP: its last good document (or a placeholder), the overlay, the reload script. */
export function documentPage(e: PreviewEntry, lang: Lang): string {
  const base =
    e.html ??
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(e.title || e.rel)}</title></head><body>` +
      `<p style="font:15px system-ui,sans-serif;margin:2em">${t(lang, 'Dokumen akan tampil di sini setelah galat di bawah diperbaiki.', 'The document appears here once the errors below are fixed.')}</p></body></html>`;
  return inject(base, overlayHtml(e, lang) + reloadScript(e.rel));
}

/** The index: every SOP of the folder with its status, linking to its page. */
export function indexPage(entries: readonly PreviewEntry[], folder: string, lang: Lang): string {
  const rows = entries
    .map((e) => {
      const s = statusOf(e);
      const n = s === 'error' ? e.diagnostics.filter((d) => d.severity === 'error').length : e.diagnostics.length;
      return (
        `<tr data-file="${escapeHtml(e.rel)}" data-status="${s}"><td><a href="${escapeHtml(viewPath(e.rel))}">${escapeHtml(e.title || e.rel)}</a></td>` +
        `<td class="file">${escapeHtml(e.rel)}</td><td class="status ${s}">${statusLabel(s, lang, n)}</td></tr>`
      );
    })
    .join('');
  const empty = entries.length === 0 ? `<p>${t(lang, 'Tidak ada berkas .sop di folder ini.', 'No .sop file in this folder.')}</p>` : '';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${t(lang, 'Pratinjau SOP', 'SOP preview')}: ${escapeHtml(folder)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{padding:4px 12px;border-bottom:1px solid #ddd;text-align:left}
.file{font-family:monospace;color:#555}.ok{color:#1b5e20}.warning{color:#8a6100}.error{color:#b71c1c;font-weight:600}</style></head><body>
<h1>${t(lang, 'Pratinjau SOP', 'SOP preview')}</h1><p class="file">${escapeHtml(folder)}</p>${empty}
${entries.length ? `<table><thead><tr><th>${t(lang, 'Nama SOP', 'SOP')}</th><th>${t(lang, 'Berkas', 'File')}</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
${reloadScript(null)}</body></html>`;
}
