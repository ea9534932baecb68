/**
 * A page of the page model as SVG: real text in the bundled font (named, so
 * resvg and any viewer with Liberation Sans or Arial draw the same glyphs),
 * the drawing contract's data-* attributes on symbols, arrow pieces and
 * labels (docs/drawing-contract.md), arrowheads as the HTML's marker.
 */
import { ARROW_MARKER } from '../layout/flow-marks.js';
import { textPath } from './glyph-paths.js';
import { FONT_FAMILY, type Data, type Mark, type PageModel, type TextMark } from './types.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Characters XML 1.0 does not allow (C0 controls but tab and newlines, lone surrogates, U+FFFE/F) are dropped. */
// eslint-disable-next-line no-control-regex
export const clean = (s: string): string => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');

const num = (v: number): string => String(Math.round(v * 100) / 100);

function data(d: Data | undefined): string {
  if (!d) return '';
  return Object.entries(d)
    .map(([k, v]) => ` data-${k}="${esc(clean(String(v)))}"`)
    .join('');
}

function text(t: TextMark): string {
  const anchor = t.anchor === 'start' ? '' : ` text-anchor="${t.anchor}"`;
  const deco = t.underline ? ' text-decoration="underline"' : '';
  const body = t.runs
    .map((r) => {
      const attrs = `${r.bold ? ' font-weight="bold"' : ''}${r.italic ? ' font-style="italic"' : ''}`;
      return attrs ? `<tspan${attrs}>${esc(clean(r.text))}</tspan>` : esc(clean(r.text));
    })
    .join('');
  return `<text x="${num(t.x)}" y="${num(t.y)}" font-size="${num(t.size)}"${anchor}${deco}${data(t.data)}>${body}</text>`;
}

function mark(m: Mark, outlines: boolean): string {
  switch (m.kind) {
    case 'line':
      if (m.role === 'flow') {
        return `<line class="flow-line" x1="${num(m.x1)}" y1="${num(m.y1)}" x2="${num(m.x2)}" y2="${num(m.y2)}"${data(m.data)}${m.arrow ? ' marker-end="url(#sop-arrow)"' : ''}/>`;
      }
      return `<line class="rule" x1="${num(m.x1)}" y1="${num(m.y1)}" x2="${num(m.x2)}" y2="${num(m.y2)}"/>`;
    case 'rect': {
      const rx = m.rx ? ` rx="${num(m.rx)}"` : '';
      const cls = m.role === 'symbol' ? `symbol ${String(m.data?.['symbol'] ?? '')}` : m.role;
      return `<rect class="${cls}" x="${num(m.x)}" y="${num(m.y)}" width="${num(m.w)}" height="${num(m.h)}"${rx}${data(m.data)}/>`;
    }
    case 'polygon': {
      const pts: string[] = [];
      for (let i = 0; i + 1 < m.points.length; i += 2) pts.push(`${num(m.points[i]!)},${num(m.points[i + 1]!)}`);
      return `<polygon class="symbol ${String(m.data?.['symbol'] ?? '')}" points="${pts.join(' ')}"${data(m.data)}/>`;
    }
    case 'text':
      return outlines ? textPath(m, clean) : text(m);
    case 'image':
      return `<image x="${num(m.x)}" y="${num(m.y)}" width="${num(m.w)}" height="${num(m.h)}" href="data:${m.mime};base64,${Buffer.from(m.bytes).toString('base64')}"/>`;
    case 'link':
      return '';
  }
}

/**
 * The SVG document of one page. `outlines`: each line of text drawn as its glyphs' outlines (src/page/glyph-paths.ts),
 * for resvg to rasterise without shaping text (the PNG); the `.svg` has real text.
 */
export function pageSvg(page: PageModel, title: string, outlines = false): string {
  const w = num(page.width);
  const h = num(page.height);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${FONT_FAMILY}, Arial, sans-serif" font-size="12">`,
    `<title>${esc(clean(title))}</title>`,
    '<style>.cell,.rule{fill:none;stroke:#000;stroke-width:1}.flow-line{stroke:#000;stroke-width:1.2;fill:none;stroke-linecap:square}.symbol{fill:#fff;stroke:#000;stroke-width:1.2}.label-bg{fill:#fff;stroke:none}#sop-arrow path{fill:#000}</style>',
    `<defs>${ARROW_MARKER}</defs>`,
    `<rect width="${w}" height="${h}" fill="#fff"/>`,
  );
  for (const m of page.marks) {
    const s = mark(m, outlines);
    if (s) out.push(s);
  }
  out.push('</svg>', '');
  return out.join('\n');
}
