"""Infrastructure as code: the CloudFormation leadflow runs on (make package)."""
