/** How `sop diff` tells git's diff-driver arguments from files named by hand (main.ts and commands/diff.ts both ask). */
const GIT_HEX = /^(?:[0-9a-f]{1,64}|\.)$/;
const GIT_MODE = /^(?:[0-7]{6}|\.)$/;

/**
 * Whether `sop diff`'s arguments are git's external-diff ones: path old-file old-hex old-mode new-file new-hex
 * new-mode, and for a rename new-path and git's similarity text ("." for the hex and mode of /dev/null). Told
 * by their hex and modes, so seven files named by hand are not taken for them.
 */
export function gitDriverArgs(args: readonly string[]): boolean {
  return (args.length === 7 || args.length === 9) && GIT_HEX.test(args[2]!) && GIT_MODE.test(args[3]!) && GIT_HEX.test(args[5]!) && GIT_MODE.test(args[6]!);
}
