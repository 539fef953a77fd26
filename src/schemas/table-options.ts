import { z } from "zod";

export const LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
export const LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;

export const labelsSchema = z.record(
  z.string().regex(LABEL_KEY, "label keys are lowercase letters, digits, _ or -, starting with a letter"),
  z.string().regex(LABEL_VALUE, "label values are lowercase letters, digits, _ or - (at most 63)"),
);

const timePartitioningSchema = z.strictObject({
  type: z.enum(["DAY", "HOUR", "MONTH", "YEAR"]),
  field: z.string().optional(),
  expiration_days: z.number().positive().optional(),
});

const rangePartitioningSchema = z
  .strictObject({
    field: z.string(),
    start: z.int(),
    end: z.int(),
    interval: z.int().positive(),
  })
  .refine((range) => range.end > range.start, { message: "end must be greater than start", path: ["end"] });

export const tableOptionsSchema = z
  .strictObject({
    description: z.string().min(1).max(16_384),
    time_partitioning: timePartitioningSchema.optional(),
    range_partitioning: rangePartitioningSchema.optional(),
    clustering: z.array(z.string()).max(4, "BigQuery clusters by at most 4 columns").default([]),
    require_partition_filter: z.boolean().default(false),
    labels: labelsSchema.default({}),
  })
  .refine((options) => !(options.time_partitioning && options.range_partitioning), {
    message: "a table has either time or range partitioning, not both",
    path: ["range_partitioning"],
  })
  .refine((options) => !options.require_partition_filter || options.time_partitioning || options.range_partitioning, {
    message: "require_partition_filter needs a partitioned table",
    path: ["require_partition_filter"],
  });

export type TableOptions = z.infer<typeof tableOptionsSchema>;

/** The file's outer shape; each table's options are checked on their own so one bad entry hides nothing. */
export const tableConfigFileSchema = z.strictObject({
  tables: z.record(z.string().regex(/^[A-Za-z0-9_]{1,1024}$/, "table ids are letters, digits and underscores"), z.unknown()),
});

export const viewConfigFileSchema = z.strictObject({
  views: z.record(
    z.string().regex(/^[A-Za-z0-9_]{1,1024}$/, "view ids are letters, digits and underscores"),
    z.strictObject({
      description: z.string().min(1),
      base_table: z.string().describe("The central table the view reads; counts against the materialized view cap."),
      materializable: z.boolean().default(true),
    }),
  ),
});
