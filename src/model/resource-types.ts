/** The resource type tokens the program registers, as previews, the inventory and the guards see them. */
export const DATASET_TYPE = "gcp:bigquery/dataset:Dataset";
export const TABLE_TYPE = "gcp:bigquery/table:Table";
export const BOOTSTRAP_COMPONENT = "cloudact:bigquery:Bootstrap";
export const ORGANIZATION_COMPONENT = "cloudact:bigquery:Organization";
