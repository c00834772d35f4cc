/** The comparison takes at most this many flags, the top ones of the list's order (customers, and relationships again). */
export const MAX_COMPARED = 300;
/** Money calibration counts as honest within this band (stated / realised). */
export const CALIBRATION_BAND = { low: 0.8, high: 1.25 } as const;
/** "Beats the rules" = captures at least this multiple of the best rule's realised loss. */
export const CAPTURE_MARGIN = 1.2;
