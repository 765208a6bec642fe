/** Chart colours per review status: distinguishable with the common colour-vision deficiencies. */
export const STATUS_COLOURS = { approved: '#1b7837', rejected: '#b2182b', pending: '#a8a29e' } as const;
