/**
 * The pages of `sop preview`, as strings (no I/O here): the index of a
 * folder's SOPs, a document with the live-reload script and, when the file
 * has errors, the diagnostics overlaid on its last good document.
 */
import type { Lang } from '../../diagnostics/catalog.js';
import { countSeverities, describeCounts, worstSeverity, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { encodeSegment } from '../../util/href.js';
import { cliMessage } from '../messages.js';

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

/** A `.sop` of the folder that is not read (over the size limit, not text, …), with the reason as `sop check` says it. */
export interface SkippedFile {
  /** Path relative to the previewed folder, `/` separators. */
  readonly rel: string;
  /** The path as the terminal shows it (relative to the working folder). */
  readonly shown: string;
  /** The reason, in Indonesian (translated for `--lang en` where shown). */
  readonly message: string;
}

export type PreviewStatus = 'ok' | 'info' | 'warning' | 'error';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** HTML-escapes text (titles and messages come from user files). */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]!);

/** The URL path of an SOP's page: every segment percent-encoded (names may hold `#`, `?`, `%`). */
export function viewPath(rel: string): string {
  return `/view/${rel.split('/').map(encodeSegment).join('/')}`;
}

/** The worst severity of the file's findings (countSeverities, as `sop check` counts them). */
export function statusOf(e: PreviewEntry): PreviewStatus {
  return worstSeverity(countSeverities(e.diagnostics)) ?? 'ok';
}

const t = (lang: Lang, id: string, en: string): string => (lang === 'en' ? en : id);

function statusLabel(e: PreviewEntry, lang: Lang): string {
  return describeCounts(countSeverities(e.diagnostics), lang) || t(lang, 'baik', 'ok');
}

/**
 * The live-reload client: listens to the server's events. On a document page
 * (`file` set) a change of its file patches the page in place: it fetches the
 * new page and makes the body like the new one node by node (text, attributes,
 * a child list whose length changed), so only what changed is laid out again
 * (the styles are swapped only when they differ), keeping the scroll position
 * and this script's event stream (a full reload re-parses and re-lays out
 * everything, and drops the scroll for a moment). If the fetch fails (the file was
 * deleted, the server stopped) it falls back to a full reload. The index
 * (`file` null) reloads on any change.
 *
 * `generation` is the server's count of changes when it made the page. The
 * server greets every new event stream with its current count, so a change
 * that happened between the page being served and its stream connecting
 * (a save right after a reload) is not missed: a greeting with a higher
 * count updates the page at once.
 */
export function reloadScript(file: string | null, generation = 0): string {
  // JSON.stringify, then `<` escaped: a file name cannot close the script element.
  const f = JSON.stringify(file).replace(/</g, '\\u003c');
  return `<script data-sop-preview="reload" data-generation="${Math.trunc(generation)}">(()=>{const file=${f};const key='sop-preview-scroll:'+location.pathname;
const y=sessionStorage.getItem(key);if(y!==null){sessionStorage.removeItem(key);addEventListener('load',()=>scrollTo(0,+y));scrollTo(0,+y);}
const es=new EventSource('/events');const self=document.currentScript;let gen=+self.dataset.generation,busy=false,again=false;
const reload=()=>{sessionStorage.setItem(key,String(scrollY));es.close();location.reload();};
const morph=(a,b)=>{if(a.nodeType!==b.nodeType||a.nodeName!==b.nodeName){a.replaceWith(b);return;}
if(a.nodeType!==1){if(a.nodeValue!==b.nodeValue)a.nodeValue=b.nodeValue;return;}
for(const t of [...a.attributes])if(!b.hasAttribute(t.name))a.removeAttribute(t.name);
for(const t of [...b.attributes])if(a.getAttribute(t.name)!==t.value)a.setAttribute(t.name,t.value);
const ca=a.childNodes,cb=[...b.childNodes];if(ca.length!==cb.length){a.replaceChildren(...cb);return;}
for(let i=0;i<cb.length;i++)morph(ca[i],cb[i]);};
const patch=async()=>{if(busy){again=true;return;}busy=true;
try{const r=await fetch(location.href,{cache:'no-store'});if(!r.ok)throw new Error(String(r.status));
const d=new DOMParser().parseFromString(await r.text(),'text/html');
const g=d.querySelector('script[data-sop-preview]');if(g)gen=Math.max(gen,+g.dataset.generation||0);for(const s of d.querySelectorAll('script'))s.remove();
const sx=scrollX,sy=scrollY;if(document.title!==d.title)document.title=d.title;
const css=(h)=>[...h.querySelectorAll('style,link[rel~=stylesheet]')],o=css(document.head),n=css(d.head);
if(o.length!==n.length||o.some((s,i)=>s.outerHTML!==n[i].outerHTML)){for(const s of o)s.remove();for(const s of n)document.head.appendChild(document.importNode(s,true));}
self.remove();morph(document.body,d.body);document.body.appendChild(self);
scrollTo(sx,sy);}catch{busy=false;reload();return;}
busy=false;if(again){again=false;void patch();}};
es.addEventListener('hello',(e)=>{if(JSON.parse(e.data).generation>gen){if(file===null)reload();else void patch();}});
es.addEventListener('change',(e)=>{const d=JSON.parse(e.data);
if(file===null)reload();else if(d.file===file||d.file==='*')void patch();});})();</script>`;
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
      ? `${escapeHtml(e.rel)}: ${describeCounts(countSeverities(shown), lang)}`
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
export function documentPage(e: PreviewEntry, lang: Lang, generation = 0): string {
  const base =
    e.html ??
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(e.title || e.rel)}</title></head><body>` +
      `<p style="font:15px system-ui,sans-serif;margin:2em">${t(lang, 'Dokumen akan tampil di sini setelah galat di bawah diperbaiki.', 'The document appears here once the errors below are fixed.')}</p></body></html>`;
  return inject(base, overlayHtml(e, lang) + reloadScript(e.rel, generation));
}

/** Why a file is not read, in `lang` (the reasons are the CLI's own messages, translated as on stderr). */
export function skippedReason(s: SkippedFile, lang: Lang): string {
  return cliMessage(`sop: ${s.message}`, lang).slice('sop: '.length);
}

/** The page of a `.sop` the preview does not read: why, and the reload script (it shows the SOP once the file can be read). */
export function skippedPage(s: SkippedFile, lang: Lang, generation = 0): string {
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(s.rel)}</title></head><body>` +
    `<p id="sop-preview-skipped" style="font:15px system-ui,sans-serif;margin:2em">${escapeHtml(s.rel)}: ${t(lang, 'tidak dibaca', 'not read')}: ${escapeHtml(skippedReason(s, lang))}</p>` +
    `${reloadScript(s.rel, generation)}</body></html>`
  );
}

/** What the index says besides the SOPs: the files not read, and a folder that is gone. */
export interface IndexExtras {
  readonly skipped?: readonly SkippedFile[];
  /** The previewed folder is gone (moved or deleted): the preview waits for it. */
  readonly folderGone?: boolean;
}

function extrasHtml(x: IndexExtras, lang: Lang): string {
  const gone = x.folderGone
    ? `<p class="gone error" role="alert">${t(lang, 'Folder ini tidak ada lagi (dipindahkan atau dihapus?); pratinjau menunggu folder itu kembali.', 'This folder is gone (moved or deleted?); the preview waits for it to come back.')}</p>`
    : '';
  const skipped = x.skipped ?? [];
  if (skipped.length === 0) return gone;
  const items = skipped
    .map((s) => `<li data-file="${escapeHtml(s.rel)}" data-status="unread"><a href="${escapeHtml(viewPath(s.rel))}" class="file">${escapeHtml(s.rel)}</a>: <span class="error">${escapeHtml(skippedReason(s, lang))}</span></li>`)
    .join('');
  return `${gone}<h2>${t(lang, 'Tidak dibaca', 'Not read')}</h2><ul class="skipped">${items}</ul>`;
}

/** The index: every SOP of the folder with its status, linking to its page; then the files not read, with the reason. */
export function indexPage(entries: readonly PreviewEntry[], folder: string, lang: Lang, generation = 0, extras: IndexExtras = {}): string {
  const rows = entries
    .map((e) => {
      const s = statusOf(e);
      return (
        `<tr data-file="${escapeHtml(e.rel)}" data-status="${s}"><td><a href="${escapeHtml(viewPath(e.rel))}">${escapeHtml(e.title || e.rel)}</a></td>` +
        `<td class="file">${escapeHtml(e.rel)}</td><td class="status ${s}">${statusLabel(e, lang)}</td></tr>`
      );
    })
    .join('');
  const empty = entries.length === 0 && !extras.skipped?.length ? `<p>${t(lang, 'Tidak ada berkas .sop di folder ini.', 'No .sop file in this folder.')}</p>` : '';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${t(lang, 'Pratinjau SOP', 'SOP preview')}: ${escapeHtml(folder)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{padding:4px 12px;border-bottom:1px solid #ddd;text-align:left}
.file{font-family:monospace;color:#555}.ok{color:#1b5e20}.info{color:#0b5394}.warning{color:#8a6100}.error{color:#b71c1c;font-weight:600}</style></head><body>
<h1>${t(lang, 'Pratinjau SOP', 'SOP preview')}</h1><p class="file">${escapeHtml(folder)}</p>${empty}
${entries.length ? `<table><thead><tr><th>${t(lang, 'Nama SOP', 'SOP')}</th><th>${t(lang, 'Berkas', 'File')}</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
${extrasHtml(extras, lang)}
${reloadScript(null, generation)}</body></html>`;
}
