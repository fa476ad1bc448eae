-- True when the cluster's credentials were supplied with allowProxy: only then does Berth connect through the
-- kubeconfig's proxy-url. Rows stored before keep false, so a proxy-url they carry is refused until the
-- credentials are supplied again with allowProxy.
alter table cluster add column allow_proxy boolean not null default false;
