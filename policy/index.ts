/**
 * CloudAct's BigQuery policy pack: the engine refuses, before any step runs, a dataset or base
 * table that is not protected, a base table without deletion protection and a dataset that deletes
 * its contents. Run with `pulumi preview --policy-pack policy` (see policy/README.md).
 *
 * Limit: policies see `opts.protect` but not `retainOnDelete`; the plan guard checks that from the
 * preview's steps.
 */
import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./policies";

new PolicyPack("cloudact-bigquery-protection", { enforcementLevel: "mandatory", policies: POLICIES });
