/** The parts of a plan the print view can leave out, in the order they are printed (DESIGN §6). */
export const PRINT_SECTIONS = ['status', 'team', 'voices', 'factors', 'needs', 'perspective', 'goals', 'actions', 'route', 'observations', 'meetings'] as const
export type PrintSection = (typeof PRINT_SECTIONS)[number]
