import postgres from "postgres";

/** A connection to the server of DATABASE_URL for creating and dropping test databases. */
export function adminSql(url: string) {
  return postgres(url, { max: 1, onnotice: () => {} });
}

/** The same server URL pointing at another database. */
export function databaseUrlWithName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
