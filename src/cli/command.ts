import type { OptionSpec, Values } from './args';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Lines describing this command's own options (the common ones are added by the help printer). */
  optionsHelp: string[];
  options: OptionSpec;
  /** Names of the positional arguments it requires, in order (e.g. ITEM_ID). */
  positionals?: string[];
  run(values: Values, io: Io): Promise<void>;
  /** Words after the command name that select another command (e.g. `coffer relay add-device`). */
  subcommands?: Command[];
}
