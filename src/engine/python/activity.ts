// What running Python code did that a host may care about: whether it called functions the
// project defined (they may change module or class state) or read the clock or randomness
// (then running it again gives other values). Hosts compare the counts before and after.

export const activity = {
  /** Calls of functions defined in project files (not in django.*). */
  projectCalls: 0,
  /** Reads of the current time or of random numbers. */
  volatileReads: 0,
  /** Writes to standard output or standard error (print, sys.stdout.write). */
  outputs: 0,
};
