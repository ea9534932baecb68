/**
 * The configuration Mermaid is initialised with in the browser. Kept apart
 * from the session (which manages browsers and pages) so that the Mermaid
 * side (theme, limits, security) changes in one place.
 */

/** The document's font (templates/sop.css), so that the diagram matches the printed form. */
export const DOCUMENT_FONT = 'Arial, "Liberation Sans", "DejaVu Sans", Helvetica, sans-serif';

/** Diagram themes: `mono` (black lines, white shapes, the document's font; the default) or Mermaid's own colours. */
export const MERMAID_THEMES = ['mono', 'mermaid'] as const;
export type MermaidTheme = (typeof MERMAID_THEMES)[number];

/**
 * Mermaid's own limits, raised so that every diagram we allow (see
 * mermaid-limits.ts) fits: `maxTextSize` (50 000 characters by default;
 * above it Mermaid silently draws "Maximum text size in diagram exceeded")
 * and `maxEdges` (500 by default, "Edge limit exceeded"). Both are only
 * settable here (they are "secure" keys, never from the diagram text).
 */
export const MERMAID_MAX_TEXT = 400_000;
export const MERMAID_MAX_EDGES = 2_000;

export const MERMAID_CONFIG = {
  startOnLoad: false,
  securityLevel: 'strict',
  deterministicIds: true,
  deterministicIDSeed: 'sop',
  handDrawnSeed: 1,
  maxTextSize: MERMAID_MAX_TEXT,
  maxEdges: MERMAID_MAX_EDGES,
  fontFamily: DOCUMENT_FONT,
  // Labels stay HTML (in <foreignObject>), lane titles too: in SVG-text mode
  // (`htmlLabels: false`, also under `flowchart`) Mermaid 11.17 shows entity
  // codes literally (`#quot;` as "&quot;", `#37;` as "&#37;"), and our
  // escaping relies on them.
  // nodeSpacing 80 (default 40): swimlane-beta needs room on a returning
  // edge between two nodes side by side to put its label there; with less it
  // leaves the label on another edge (docs/rendering.md).
  flowchart: { nodeSpacing: 80 },
};

/** Black lines, white shapes, black text in the document's font: the look of the printed form. */
const MONO = {
  theme: 'base',
  themeVariables: {
    fontFamily: DOCUMENT_FONT,
    fontSize: '14px',
    background: '#ffffff',
    primaryColor: '#ffffff',
    primaryTextColor: '#000000',
    primaryBorderColor: '#000000',
    secondaryColor: '#ffffff',
    secondaryTextColor: '#000000',
    secondaryBorderColor: '#000000',
    tertiaryColor: '#ffffff',
    tertiaryTextColor: '#000000',
    tertiaryBorderColor: '#000000',
    mainBkg: '#ffffff',
    nodeBorder: '#000000',
    nodeTextColor: '#000000',
    lineColor: '#000000',
    textColor: '#000000',
    titleColor: '#000000',
    clusterBkg: '#ffffff',
    clusterBorder: '#000000',
    edgeLabelBackground: '#ffffff',
  },
};

/** The whole configuration for a theme: the base above plus the theme's colours. */
export function mermaidConfig(theme: MermaidTheme = 'mono'): Record<string, unknown> {
  return theme === 'mono' ? { ...MERMAID_CONFIG, ...MONO } : { ...MERMAID_CONFIG, theme: 'default' };
}
