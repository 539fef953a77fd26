import type * as pulumi from "@pulumi/pulumi";
import { changedApiKeyProperties, createApiKey, updateApiKey, type ApiKeyDeps, type ApiKeyInputs, type ApiKeyOutputs } from "./api-key";
import { bigQueryClient } from "./bigquery-client";
import { changedRowProperties, createRow, updateRow, type RowDeps, type RowInputs, type RowOutputs } from "./row";

/*
 * Pulumi dynamic providers. Their functions are serialized into each resource's state and run in
 * the engine's provider host: they capture only the functions of this folder and require Node
 * and npm modules when they run. Neither provider ever replaces or deletes: rows are retained.
 */

function rowDeps(target: { project: string; location: string }): RowDeps {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const crypto = require("node:crypto") as typeof import("node:crypto");
  return { client: bigQueryClient(target.project, target.location), now: () => new Date(), uuid: () => crypto.randomUUID() };
}

function apiKeyDeps(target: { project: string; location: string }): ApiKeyDeps {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const crypto = require("node:crypto") as typeof import("node:crypto");
  return {
    client: bigQueryClient(target.project, target.location),
    randomBytes: (size) => crypto.randomBytes(size),
    sha256Hex: (text) => crypto.createHash("sha256").update(text, "utf8").digest("hex"),
    uuid: () => crypto.randomUUID(),
  };
}

export const metadataRowProvider: pulumi.dynamic.ResourceProvider<RowInputs, RowOutputs> = {
  async diff(_id, olds, news) {
    return { changes: changedRowProperties(olds, news).length > 0, replaces: [] };
  },
  async create(inputs) {
    return createRow(rowDeps(inputs), inputs);
  },
  async update(_id, olds, news) {
    return updateRow(rowDeps(news), olds, news);
  },
  /** Rows are never deleted by this program: removing the resource leaves the row in BigQuery. */
  async delete() {},
};

export const apiKeyProvider: pulumi.dynamic.ResourceProvider<ApiKeyInputs, ApiKeyOutputs> = {
  async diff(_id, olds, news) {
    return { changes: changedApiKeyProperties(olds, news).length > 0, replaces: [] };
  },
  async create(inputs) {
    return createApiKey(apiKeyDeps(inputs), inputs);
  },
  async update(_id, olds, news) {
    return updateApiKey(apiKeyDeps(news), olds, news);
  },
  /** Key rows are never deleted: a key is retired by rotation (`key_version`), which revokes it. */
  async delete() {},
};
