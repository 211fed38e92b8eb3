import type { Command } from 'commander';
import { registerAqiCommand } from './aqi';
import { registerAuditCommands } from './audit';
import { registerCatalogCommands } from './catalog';
import { registerDemoCommand } from './demo';
import { registerExchangeCommands } from './exchange';
import { registerHj212Commands } from './hj212';
import { registerMigrateCommand } from './migrate';
import { registerReplayCommand } from './replay';
import { registerServeCommands } from './serve';
import { registerSimulateCommand } from './simulate';
import { registerTokenCommands } from './token';
import { registerUsccCommands } from './uscc';
import { registerUserCommands } from './user';
import { registerWaterClassCommand } from './water-class';

/** Each command file adds its sub-commands to the program; the order here is the help order. */
export type CommandRegistration = (program: Command) => void;

export const commandRegistrations: CommandRegistration[] = [registerServeCommands, registerMigrateCommand, registerAuditCommands, registerExchangeCommands, registerHj212Commands, registerAqiCommand, registerWaterClassCommand, registerUsccCommands, registerDemoCommand, registerCatalogCommands, registerUserCommands, registerTokenCommands, registerSimulateCommand, registerReplayCommand];
