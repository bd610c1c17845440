import type { OperationFactory } from '../../operation.js';
import { CreateTerms } from './CreateTerms.js';
import { DeleteTerms } from './DeleteTerms.js';
import { DescribeTerms } from './DescribeTerms.js';
import { DescribeTermsByClient } from './DescribeTermsByClient.js';
import { ListTerms } from './ListTerms.js';
import { UpdateTerms } from './UpdateTerms.js';

export const termsOperations: Record<string, OperationFactory> = {
  CreateTerms,
  DescribeTerms,
  DescribeTermsByClient,
  UpdateTerms,
  ListTerms,
  DeleteTerms,
};
