import { z } from 'zod';

export const progressSchema = z.object({
  /** Which step of a long job, e.g. 'reading', 'writing', 'profiles'. */
  phase: z.string(),
  done: z.number(),
  /** null while the total is unknown (e.g. rows of a CSV before it is read). */
  total: z.number().nullable(),
  unit: z.enum(['rows', 'bytes', 'steps', 'customers']),
  /** units per second */
  rate: z.number().nullable().optional(),
  etaMs: z.number().nullable().optional(),
  message: z.string().optional(),
});

export type Progress = z.infer<typeof progressSchema>;
