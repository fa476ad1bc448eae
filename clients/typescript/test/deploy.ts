// Deploys the example nginx StatefulSet `web` through the generated TypeScript client, waits for the
// operation and prints what runs. From the environment: BERTH_URL, BERTH_TOKEN, BERTH_CLUSTER (a registered
// cluster) and BERTH_APPLICATION (the application's name, default web). Exits 0 when the deploy succeeded,
// 1 otherwise, printing the problem's type and detail when Berth refused a request.
import {
  ApplicationResourcesApi,
  ApplicationsApi,
  Configuration,
  Operation,
  OperationStateEnum,
  OperationsApi,
  ResponseError,
  TemplateSetsApi,
} from '../target/generated-sources/typescript';

const ENDED: string[] = [OperationStateEnum.Succeeded, OperationStateEnum.Failed, OperationStateEnum.Cancelled];

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

async function awaitEnd(operations: OperationsApi, accepted: Operation): Promise<Operation> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const operation = await operations.getOperation({ id: accepted.id! });
    if (ENDED.includes(operation.state!)) {
      return operation;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`operation ${accepted.id} did not end within 60 s`);
}

async function main(): Promise<number> {
  const config = new Configuration({ basePath: required('BERTH_URL'), accessToken: required('BERTH_TOKEN') });
  const cluster = required('BERTH_CLUSTER');
  const name = process.env.BERTH_APPLICATION || 'web';

  await new TemplateSetsApi(config).seedTemplateSets();
  const deploy = await new ApplicationsApi(config).deployApplication({
    createApplication: {
      name,
      templateSet: 'nginx-web',
      version: '1.0.0',
      values: { replicas: 3 },
      targets: [{ cluster, namespace: 'shop' }],
      wait: true,
    },
  });
  const ended = await awaitEnd(new OperationsApi(config), deploy);
  const resources = await new ApplicationResourcesApi(config).getApplicationResources({ name });
  for (const target of resources.targets ?? []) {
    const web = (target.objects ?? []).find((o) => o.kind === 'StatefulSet' && o.name === 'web');
    const ready = (web?.pods ?? []).filter((pod) => pod.ready).map((pod) => pod.ordinal);
    console.log(`${target.cluster}/${target.namespace}: StatefulSet web ${web?.health}, ready pods ${ready.join(',')}`);
  }
  console.log(`deploy of ${name}: ${ended.state}`);
  return ended.state === OperationStateEnum.Succeeded ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    if (error instanceof ResponseError) {
      const problem = await error.response.json();
      console.log(`refused: ${error.response.status} ${problem.type}: ${problem.detail}`);
    } else {
      console.log(`failed: ${error}`);
    }
    process.exit(1);
  },
);
