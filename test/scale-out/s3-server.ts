/**
 * The test's object store as its own process, like a real one: s3rver on 127.0.0.1 (ephemeral
 * port, temp folder). Prints one JSON line (endpoint, bucket, credentials); SIGTERM stops it and
 * removes its folder.
 */
import { startLocalS3 } from "../helpers/s3.ts";

const s3 = await startLocalS3();
const { endpoint, bucket, accessKeyId, secretAccessKey } = s3;
process.stdout.write(`${JSON.stringify({ endpoint, bucket, accessKeyId, secretAccessKey })}\n`);
const stop = () => void s3.close().finally(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
process.once("disconnect", stop);
