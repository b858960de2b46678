/** A download's Content-Disposition with a file name that cannot break out of its quotes or the header. */
export function attachment(filename: string): string {
  const safe = filename.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 150) || "download";
  return `attachment; filename="${safe}"`;
}
