/** What every command's definition shares: the terminal its action prints to, and the words of its help in the user's language. */
import { InvalidArgumentError, Option } from 'commander';
import { PAPER_SIZES } from '../../model/config.js';
import type { Terminal } from '../terminal.js';

export interface ProgramContext {
  readonly term: Terminal;
  /** The Indonesian or the English text, after --lang. */
  readonly t: (id: string, en: string) => string;
}

/** `--paper`, in any case (`a4` is `A4`); help lists the sizes as written. */
export function paperOption(description: string): Option {
  return new Option('--paper <size>', description).choices(PAPER_SIZES as string[]).argParser((v: string) => {
    const size = PAPER_SIZES.find((p) => p.toLowerCase() === v.trim().toLowerCase());
    if (!size) throw new InvalidArgumentError(`Allowed choices are ${PAPER_SIZES.join(', ')}.`);
    return size;
  });
}
