/**
 * A local S3-compatible server for tests: s3rver on 127.0.0.1 (ephemeral port) over a temp folder,
 * with one bucket, test credentials, and the environment gongbao needs to use it.
 *
 * s3rver 3.7's filesystem store does not report common prefixes for keys nested two or more levels
 * below the listed prefix (`prefix=index/&delimiter=/` over `index/runs.lance/_versions/1.manifest`
 * returns nothing), so LanceDB's `tableNames()` sees no tables. Real S3, MinIO, OSS and GCS list
 * them; `fixDelimiterListing` patches the test server's store to do the same.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(import.meta.url);

interface ListOptions {
  delimiter?: string;
  startAfter?: string;
  prefix?: string;
  maxKeys?: number;
}
interface ListResult {
  objects: { key: string }[];
  commonPrefixes: string[];
  isTruncated: boolean;
}
interface S3rverStore {
  listObjects(bucket: string, options: ListOptions): Promise<ListResult>;
}
interface S3rverInstance {
  store: S3rverStore;
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverCtor = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string; configs: string[] }[];
}) => S3rverInstance;
interface AwsAccountModule {
  DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
}

const S3rver = require("s3rver") as S3rverCtor;
const { DUMMY_ACCOUNT } = require("s3rver/lib/models/account.js") as AwsAccountModule;

export interface S3Endpoint {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  /** Random per server, so a test can assert that it never shows up in logs or responses. */
  secretAccessKey: string;
}

export interface LocalS3 extends S3Endpoint {
  /** `s3://<bucket>/<prefix>` */
  uri(prefix: string): string;
  /** The GONGBAO_* variables that point gongbao at this server. */
  env(prefix: string): Record<string, string>;
  /** The same, as LanceDB storage options (what `loadConfig` derives from `env`). */
  storageOptions(): Record<string, string>;
  close(): Promise<void>;
}

function fixDelimiterListing(store: S3rverStore): void {
  const list = store.listObjects.bind(store);
  store.listObjects = async (bucket, options) => {
    const { delimiter, prefix = "", maxKeys = Infinity } = options;
    if (!delimiter) return list(bucket, options);
    const all = await list(bucket, { ...options, delimiter: "", maxKeys: Infinity });
    const commonPrefixes = new Set<string>();
    const objects: { key: string }[] = [];
    for (const object of all.objects) {
      const i = object.key.slice(prefix.length).indexOf(delimiter);
      if (i === -1) objects.push(object);
      else commonPrefixes.add(object.key.slice(0, prefix.length + i + delimiter.length));
    }
    return { objects: objects.slice(0, maxKeys), commonPrefixes: [...commonPrefixes].sort(), isTruncated: objects.length > maxKeys };
  };
}

/** Environment and storage options for an S3-compatible endpoint (plain HTTP, path-style requests). */
export function localS3(s: S3Endpoint, close: () => Promise<void>): LocalS3 {
  return {
    ...s,
    uri: (prefix) => `s3://${s.bucket}/${prefix}`,
    env: (prefix) => ({
      GONGBAO_INDEX_URI: `s3://${s.bucket}/${prefix}`,
      GONGBAO_S3_ENDPOINT: s.endpoint,
      GONGBAO_S3_REGION: "us-east-1",
      GONGBAO_S3_ACCESS_KEY_ID: s.accessKeyId,
      GONGBAO_S3_SECRET_ACCESS_KEY: s.secretAccessKey,
      GONGBAO_S3_ALLOW_HTTP: "true",
    }),
    storageOptions: () => ({
      aws_endpoint: s.endpoint, aws_region: "us-east-1", aws_access_key_id: s.accessKeyId, aws_secret_access_key: s.secretAccessKey,
      allow_http: "true", aws_virtual_hosted_style_request: "false",
    }),
    close,
  };
}

/** s3rver in this process. (`test/scale-out/s3-server.ts` runs the same as a separate process.) */
export async function startLocalS3(opts: { bucket?: string } = {}): Promise<LocalS3> {
  const bucket = opts.bucket ?? "gongbao";
  const directory = mkdtempSync(join(tmpdir(), "gongbao-s3-"));
  const accessKeyId = `GBTEST${randomBytes(6).toString("hex").toUpperCase()}`;
  const secretAccessKey = `gbsecret-${randomBytes(16).toString("hex")}`;
  // s3rver checks that the access key id exists; it does not verify SigV4 signatures.
  DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  fixDelimiterListing(server.store);
  const { port } = await server.run();
  return localS3({ endpoint: `http://127.0.0.1:${port}`, bucket, accessKeyId, secretAccessKey }, async () => {
    await server.close().catch(() => {});
    rmSync(directory, { recursive: true, force: true });
  });
}
