"""make import: put a file into the local bucket where the importer picks it up.

    python -m devstack.drop FILE [TENANT] [leads|customers]
"""
import os
import sys

import boto3


def main() -> None:
    path, tenant = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "demo-autohaus"
    kind = sys.argv[3] if len(sys.argv) > 3 else "leads"
    if kind not in ("leads", "customers"):
        sys.exit("KIND is leads or customers")
    key = f"incoming/{tenant}/{'customers/' if kind == 'customers' else ''}{os.path.basename(path)}"
    endpoint = f"http://127.0.0.1:{os.environ.get('LEADFLOW_MOTO_PORT', '4566')}"
    bucket = os.environ.get("LEADFLOW_BUCKET", "leadflow-files")
    boto3.client("s3", endpoint_url=endpoint, region_name=os.environ.get("LEADFLOW_REGION", "eu-central-1")).upload_file(
        path, bucket, key)
    print(f"uploaded to s3://{bucket}/{key}; see: bin/lf --as sales_manager GET /imports")


if __name__ == "__main__":
    main()
