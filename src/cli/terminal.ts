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
  return {
    out: (line) => void process.stdout.write(line + '\n'),
    err: (line) => void process.stderr.write(line + '\n'),
    color: isTTY && !noColor,
    isTTY,
  };
}
