export function zipStored(entries: { name: string; data: Buffer }[]): Buffer;
export function jarManifest(attributes: Record<string, string>): Buffer;
