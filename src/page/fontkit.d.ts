/** The part of fontkit (PDFKit's font engine) that src/page/pdf.ts uses: a font parsed from its bytes, handed to PDFKit. */
declare module 'fontkit' {
  export function create(buffer: Uint8Array, postscriptName?: string): unknown;
}
