import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";

export interface CentralKeyArgs {
  readonly project: string;
  readonly location: string;
  readonly keyRing: string;
  readonly key: string;
}

export const ENCRYPTER_ROLE = "roles/cloudkms.cryptoKeyEncrypterDecrypter";
/** Destroying a key loses every row it encrypts: key ring and key are never deleted by the program. */
const KEEP: pulumi.CustomResourceOptions = { protect: true, retainOnDelete: true };

/**
 * The central dataset's customer-managed key: a key ring and a key in the dataset's location, and
 * BigQuery's service account allowed to use it. Returns the key name and the grant to wait for.
 */
export function centralKey(args: CentralKeyArgs, parent: pulumi.Resource): { kmsKeyName: pulumi.Output<string>; grant: gcp.kms.CryptoKeyIAMMember } {
  const ring = new gcp.kms.KeyRing(args.keyRing, { project: args.project, name: args.keyRing, location: args.location }, { parent, ...KEEP });
  const key = new gcp.kms.CryptoKey(
    `${args.keyRing}/${args.key}`,
    { keyRing: ring.id, name: args.key, purpose: "ENCRYPT_DECRYPT", rotationPeriod: "7776000s" },
    { parent, ...KEEP },
  );
  const bigquery = gcp.bigquery.getDefaultServiceAccountOutput({ project: args.project }, { parent });
  const grant = new gcp.kms.CryptoKeyIAMMember(
    `${args.keyRing}/${args.key}/bigquery-encrypter`,
    { cryptoKeyId: key.id, role: ENCRYPTER_ROLE, member: bigquery.member },
    { parent },
  );
  return { kmsKeyName: key.id, grant };
}
