import type { BigQueryClient, Statement } from "./client";
import { ACTOR_ID } from "./audit";
import { mergeStatement, transaction } from "./merge";

export const API_KEY_PREFIX = "cak_";
/** Bytes of randomness in a key: 256 bits. */
export const API_KEY_BYTES = 32;
/** Characters of the key kept in clear (`cak_` and 8 of the 43 random characters) to tell keys apart. */
export const KEY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;

/** The inputs of an org API key resource (plain data). */
export interface ApiKeyInputs {
  readonly project: string;
  readonly location: string;
  readonly dataset: string;
  readonly table: string;
  readonly orgSlug: string;
  readonly keyName: string;
  /** Raising it rotates the key: a new row is added, the old one revoked. */
  readonly keyVersion: number;
  readonly scopes: readonly string[];
}

export interface ApiKeyOutputs extends ApiKeyInputs {
  readonly keyId: string;
  readonly keyPrefix: string;
  readonly keyHash: string;
  /** The key itself, returned once; registered as a secret output and never written to BigQuery. */
  readonly apiKey: string;
}

export interface ApiKeyDeps {
  readonly client: BigQueryClient;
  readonly randomBytes: (size: number) => Uint8Array;
  readonly sha256Hex: (text: string) => string;
  readonly uuid: () => string;
}

export interface IssuedKey {
  readonly apiKey: string;
  readonly keyPrefix: string;
  readonly keyHash: string;
}

export function issueKey(deps: Pick<ApiKeyDeps, "randomBytes" | "sha256Hex">): IssuedKey {
  const apiKey = API_KEY_PREFIX + Buffer.from(deps.randomBytes(API_KEY_BYTES)).toString("base64url");
  return { apiKey, keyPrefix: apiKey.slice(0, KEY_PREFIX_LENGTH), keyHash: deps.sha256Hex(apiKey) };
}

export function apiKeyId(inputs: Pick<ApiKeyInputs, "dataset" | "table" | "orgSlug">): string {
  return `${inputs.dataset}.${inputs.table}/${inputs.orgSlug}`;
}

const COMPARED = ["project", "location", "dataset", "table", "orgSlug", "keyName", "keyVersion"] as const;

export function changedApiKeyProperties(olds: ApiKeyInputs, news: ApiKeyInputs): string[] {
  const changed: string[] = COMPARED.filter((property) => olds[property] !== news[property]);
  if (JSON.stringify(olds.scopes ?? []) !== JSON.stringify(news.scopes)) changed.push("scopes");
  return changed;
}

function target(inputs: ApiKeyInputs) {
  return { project: inputs.project, dataset: inputs.dataset, table: inputs.table };
}

function insertKey(inputs: ApiKeyInputs, keyId: string, key: IssuedKey, paramPrefix: string): Statement {
  return mergeStatement({
    target: target(inputs),
    match: ["key_id"],
    values: {
      key_id: { value: keyId, type: "STRING" },
      org_slug: { value: inputs.orgSlug, type: "STRING" },
      key_name: { value: inputs.keyName, type: "STRING" },
      key_hash: { value: key.keyHash, type: "STRING" },
      key_prefix: { value: key.keyPrefix, type: "STRING" },
      key_version: { value: inputs.keyVersion, type: "INT64" },
      scopes: { value: [...inputs.scopes], type: ["STRING"] },
      is_active: { value: true, type: "BOOL" },
      created_by: { value: ACTOR_ID, type: "STRING" },
    },
    stamp: { insert: ["created_at", "updated_at"] },
    whenMatched: "ignore",
    paramPrefix,
  });
}

function revokeKey(inputs: ApiKeyInputs, keyId: string, reason: string): Statement {
  return mergeStatement({
    target: target(inputs),
    match: ["key_id"],
    values: {
      key_id: { value: keyId, type: "STRING" },
      is_active: { value: false, type: "BOOL" },
      revoked_by: { value: ACTOR_ID, type: "STRING" },
      revocation_reason: { value: reason, type: "STRING" },
    },
    stamp: { update: ["revoked_at", "updated_at"] },
    matchedWhile: "is_active",
    whenNotMatched: "ignore",
    paramPrefix: "old_",
  });
}

function describeKey(inputs: ApiKeyInputs, keyId: string): Statement {
  return mergeStatement({
    target: target(inputs),
    match: ["key_id"],
    values: {
      key_id: { value: keyId, type: "STRING" },
      key_name: { value: inputs.keyName, type: "STRING" },
      scopes: { value: [...inputs.scopes], type: ["STRING"] },
    },
    stamp: { update: ["updated_at"] },
    matchedWhile: "is_active",
    whenNotMatched: "ignore",
  });
}

/** Issues the org's key: only its hash and prefix reach BigQuery. */
export async function createApiKey(deps: ApiKeyDeps, inputs: ApiKeyInputs): Promise<{ id: string; outs: ApiKeyOutputs }> {
  const key = issueKey(deps);
  const keyId = deps.uuid();
  await deps.client.query(insertKey(inputs, keyId, key, ""));
  return { id: apiKeyId(inputs), outs: { ...inputs, keyId, ...key } };
}

/**
 * A higher `keyVersion` rotates: one transaction adds the new key's row and revokes the old row
 * (`is_active = FALSE`, `revoked_at`), which stays. Other changes update the active row in place.
 */
export async function updateApiKey(deps: ApiKeyDeps, olds: ApiKeyOutputs, news: ApiKeyInputs): Promise<{ outs: ApiKeyOutputs }> {
  if (news.keyVersion < olds.keyVersion) {
    throw new Error(`key_version of ${news.orgSlug} went down from ${olds.keyVersion} to ${news.keyVersion}: it only ever increases`);
  }
  const kept = { keyId: olds.keyId, keyPrefix: olds.keyPrefix, keyHash: olds.keyHash, apiKey: olds.apiKey };
  if (news.keyVersion > olds.keyVersion) {
    const key = issueKey(deps);
    const keyId = deps.uuid();
    const reason = `rotated to key_version ${news.keyVersion}`;
    await deps.client.query(transaction([revokeKey(news, olds.keyId, reason), insertKey(news, keyId, key, "new_")]));
    return { outs: { ...news, keyId, ...key } };
  }
  if (changedApiKeyProperties(olds, news).length > 0) await deps.client.query(describeKey(news, olds.keyId));
  return { outs: { ...news, ...kept } };
}
