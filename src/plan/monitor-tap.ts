import * as pulumi from "@pulumi/pulumi";

/**
 * The resource options of a registration. Pulumi's mock `newResource` does not see them; the
 * registration request sent to the (mock) monitor does. This module is the only place that
 * touches that internal API, so an SDK upgrade that changes it breaks here and nowhere else.
 */
export interface RegistrationOptions {
  readonly type: string;
  readonly name: string;
  readonly parent: string;
  readonly custom: boolean;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly dependsOn: readonly string[];
  /** Outputs the engine stores as secrets (e.g. an API key). */
  readonly additionalSecretOutputs: readonly string[];
}

interface RegisterResourceRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProtect(): boolean;
  getRetainondelete?(): boolean;
  getDependenciesList?(): string[];
  getAdditionalsecretoutputsList?(): string[];
}

interface MonitorLike {
  registerResource(request: RegisterResourceRequest, callback: unknown): unknown;
}

/**
 * Wraps the current monitor's registerResource. `onRegister` runs synchronously before the mock's
 * `newResource` for the same request, which lets the caller pair options with inputs.
 */
export function tapRegistrations(onRegister: (options: RegistrationOptions) => void): void {
  const monitor = pulumi.runtime.getMonitor() as unknown as MonitorLike | undefined;
  if (!monitor || typeof monitor.registerResource !== "function") {
    throw new Error("the Pulumi SDK's monitor has no registerResource: the mock runtime's internals changed (see src/plan/monitor-tap.ts)");
  }
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    onRegister({
      type: request.getType(),
      name: request.getName(),
      parent: request.getParent(),
      custom: request.getCustom(),
      protect: request.getProtect(),
      retainOnDelete: request.getRetainondelete?.() ?? false,
      dependsOn: request.getDependenciesList?.() ?? [],
      additionalSecretOutputs: request.getAdditionalsecretoutputsList?.() ?? [],
    });
    return original(request, callback);
  };
}
