/**
 * The configuration Mermaid is initialised with in the browser. Kept apart
 * from the session (which manages browsers and pages) so that the Mermaid
 * side (theme, limits, security) changes in one place.
 */
export const MERMAID_CONFIG = {
  startOnLoad: false,
  securityLevel: 'strict',
  deterministicIds: true,
  deterministicIDSeed: 'sop',
  handDrawnSeed: 1,
  fontFamily: 'Arial, "Liberation Sans", "DejaVu Sans", sans-serif',
  flowchart: { htmlLabels: false },
};
