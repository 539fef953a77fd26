import { createRequire } from "node:module";
import * as pulumi from "@pulumi/pulumi";
import { tapRegistrations, type RegistrationOptions } from "./monitor-tap";

/** One resource the program registered, with its inputs and the options it was registered with. */
export interface Registration extends RegistrationOptions {
  readonly inputs: Readonly<Record<string, unknown>>;
}

export interface MockRunOptions {
  /** Absolute path of the program's entry module. */
  readonly program: string;
  readonly project: string;
  readonly stack: string;
  /** Pulumi's flat config map: full keys, string values, objects as JSON strings. */
  readonly config: Readonly<Record<string, string>>;
  /** Outputs of the stacks the program references, by stack reference name. */
  readonly stackReferences?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

/**
 * Runs the real program under Pulumi's mock runtime (a preview: no cloud, no CLI) and returns
 * every registration. Import the program only once per process: a second import does nothing.
 */
export async function runUnderMocks(options: MockRunOptions): Promise<Registration[]> {
  const registrations: Registration[] = [];
  let pending: RegistrationOptions | undefined;
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        if (args.type === STACK_REFERENCE_TYPE) {
          // A read, not a registration: answered from the outputs the caller supplied.
          const name = String((args.inputs as { name?: unknown }).name ?? args.name);
          return { id: name, state: { name, outputs: options.stackReferences?.[name] ?? {}, secretOutputNames: [] } };
        }
        const registered = pending;
        pending = undefined;
        if (!registered || registered.type !== args.type || registered.name !== args.name) {
          throw new Error(`registration of ${args.type} ${args.name} arrived without its options; the mock runtime's order changed`);
        }
        registrations.push({ ...registered, inputs: (args.inputs ?? {}) as Record<string, unknown> });
        return { id: args.custom ? `${args.name}-id` : undefined, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    options.project,
    options.stack,
    true,
  );
  pulumi.runtime.setAllConfig({ ...options.config });
  tapRegistrations((registered) => {
    pending = registered;
  });
  // The SDK captures `new Error().stack` for every output promise (debuggablePromise); with source
  // maps on (tsx turns them on) formatting those stacks takes about half of the run (docs/scale.md).
  // Stack traces printed during the run point into the transpiled code instead.
  const sourceMaps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  try {
    // require, not import(): the program is TypeScript loaded through the same (CommonJS) loader as this module.
    createRequire(__filename)(options.program);
    await pulumi.runtime.disconnect();
  } finally {
    process.setSourceMapsEnabled(sourceMaps);
  }
  return registrations;
}
