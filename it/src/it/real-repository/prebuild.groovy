// Starts nginx on a free loopback port serving target/nginx/repo, accepting PUT (WebDAV), and tells the builds its
// URL through .mvn/maven.config; generates the producer's tiny model. nginx is stopped by verify.groovy, and by a
// shutdown hook should the builds not get that far.
def prefix = new File(basedir, 'target/nginx').canonicalFile
['repo', 'body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].each { new File(prefix, it).mkdirs() }
int port = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).withCloseable { it.localPort }
def nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find { new File(it).canExecute() }
assert nginx: 'nginx is not installed: .ci/run installs it (apt-get install nginx-light)'
def conf = new File(prefix, 'nginx.conf')
// Started by root, nginx would hand requests to an unprivileged worker that may not write into the build folder.
def user = System.getProperty('user.name') == 'root' ? 'user root;' : ''
conf.text = """
${user}
daemon on;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log;
events { worker_connections 64; }
http {
  access_log ${prefix}/access.log;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${prefix};
    client_max_body_size 100m;
    location / {
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
    }
  }
}
"""
def start = [nginx, '-c', conf.path, '-p', prefix.path].execute()
start.waitFor()
assert start.exitValue() == 0: "nginx did not start: ${start.err.text}"
Runtime.runtime.addShutdownHook(new Thread({ [nginx, '-c', conf.path, '-p', prefix.path, '-s', 'stop'].execute().waitFor() }))
def up = (1..50).any {
    try { new Socket('127.0.0.1', port).close(); true } catch (IOException e) { Thread.sleep(100); false }
}
assert up: "nginx does not listen on ${port}: ${new File(prefix, 'error.log').text}"
new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = "-Dit.repo.url=http://127.0.0.1:${port}/repo\n"
new File(basedir, 'nginx.properties').text = "nginx=${nginx}\nconf=${conf.path}\nprefix=${prefix.path}\nport=${port}\n"

// The producer's model: the tiny Llama of safetensors-model.
evaluate(new File(itLib, 'safetensors.groovy')).tinyLlama(new File(basedir, 'producer/src/main/resources/model'))
return true
