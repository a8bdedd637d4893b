/** What the AWS outputs (S3, Kinesis) share: the credentials config and the provider built from it. */
package dev.hakobu.outputs.aws;
