import type { OperationFactory } from '../../operation.js';
import { CreateUserImportJob } from './CreateUserImportJob.js';
import { DescribeUserImportJob } from './DescribeUserImportJob.js';
import { GetCSVHeader } from './GetCSVHeader.js';
import { ListUserImportJobs } from './ListUserImportJobs.js';
import { StartUserImportJob } from './StartUserImportJob.js';
import { StopUserImportJob } from './StopUserImportJob.js';

export const userImportOperations: Record<string, OperationFactory> = {
  GetCSVHeader,
  CreateUserImportJob,
  StartUserImportJob,
  StopUserImportJob,
  DescribeUserImportJob,
  ListUserImportJobs,
};
