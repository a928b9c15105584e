"""Opens N keep-alive connections to a Loket server, sends one GET /health on each, reads the
answer and then leaves them idle: slow or hoarding clients, for benchmarks/run.sh. Prints
"ready N" once all are open and answered, then holds them until stdin closes.
Usage: python3 benchmarks/idle_connections.py N HOST PORT"""
import asyncio
import resource
import sys


async def one(host, port, held):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET /health HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length"))
    await reader.readexactly(length)
    held.append(writer)


async def main():
    count, host, port = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, count + 1024), hard))
    held = []
    # A few hundred at a time, as a crowd arrives, not one burst the listen backlog drops.
    for start in range(0, count, 500):
        await asyncio.gather(*(one(host, port, held) for _ in range(min(500, count - start))))
    print(f"ready {len(held)}", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


asyncio.run(main())
