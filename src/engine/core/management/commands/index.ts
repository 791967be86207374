// The commands the playground implements, by name. Add one line per command.

import type { CommandFactory } from '../base';
import { CheckCommand } from './check';
import { DiffsettingsCommand } from './diffsettings';
import { InspectdbCommand } from './inspectdb';
import { MakemigrationsCommand } from './makemigrations';
import { MigrateCommand } from './migrate';
import { OptimizemigrationCommand } from './optimizemigration';
import { ShowmigrationsCommand } from './showmigrations';
import { ShellCommand } from './shell';
import { SqlmigrateCommand } from './sqlmigrate';
import { SqlsequenceresetCommand } from './sqlsequencereset';
import { SquashmigrationsCommand } from './squashmigrations';

export const IMPLEMENTED_COMMANDS: Record<string, CommandFactory> = {
  check: (ctx) => new CheckCommand(ctx),
  diffsettings: (ctx) => new DiffsettingsCommand(ctx),
  inspectdb: (ctx) => new InspectdbCommand(ctx),
  makemigrations: (ctx) => new MakemigrationsCommand(ctx),
  migrate: (ctx) => new MigrateCommand(ctx),
  optimizemigration: (ctx) => new OptimizemigrationCommand(ctx),
  showmigrations: (ctx) => new ShowmigrationsCommand(ctx),
  shell: (ctx) => new ShellCommand(ctx),
  sqlmigrate: (ctx) => new SqlmigrateCommand(ctx),
  sqlsequencereset: (ctx) => new SqlsequenceresetCommand(ctx),
  squashmigrations: (ctx) => new SquashmigrationsCommand(ctx),
};
