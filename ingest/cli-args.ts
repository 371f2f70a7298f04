import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses a CLI's options with `-h/--help` added: the values, or the exit code when there is nothing to run
 * (0 after printing the usage for --help, 2 after printing it with the error for a bad option).
 */
export function parseCliOptions<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    const { values } = parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h", default: false } } });
    if (!(values as { help?: boolean }).help) return { values };
    process.stdout.write(`${usage}\n`);
    return { exitCode: 0 };
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n\n${usage}\n`);
    return { exitCode: 2 };
  }
}
