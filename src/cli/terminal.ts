import { visible } from '../util/text.js';

/** The terminal as the commands see it: two streams and whether to colour. */
export interface Terminal {
  out(line: string): void;
  err(line: string): void;
  readonly color: boolean;
  readonly isTTY: boolean;
}

export function processTerminal(): Terminal {
  const isTTY = Boolean(process.stdout.isTTY);
  const noColor = process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '';
  const color = isTTY && !noColor;
  return {
    out: (line) => void process.stdout.write(terminalSafe(line, color) + '\n'),
    err: (line) => void process.stderr.write(terminalSafe(line, color) + '\n'),
    color,
    isTTY,
  };
}

// eslint-disable-next-line no-control-regex
const SGR_RE = /(\u001b\[[0-9;]*m)/;

/**
 * The last guard before a line reaches the terminal: every control character
 * is made visible, except (when colouring) the SGR colour codes we print
 * ourselves. User text is made visible where it is inserted, so an SGR code
 * from a file never gets this far.
 */
export function terminalSafe(line: string, color: boolean): string {
  if (!color) return visible(line);
  return line
    .split(SGR_RE)
    .map((part, i) => (i % 2 === 1 ? part : visible(part)))
    .join('');
}
