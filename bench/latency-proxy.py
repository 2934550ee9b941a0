#!/usr/bin/env python3
"""A TCP proxy on 127.0.0.1 that delays every chunk by a fixed time in each direction.

Loopback answers in microseconds, so on it a client's round trips per message cost almost
nothing; a relay in another rack or another city is a millisecond or more away. This proxy puts
that distance between an SMTP client and smtp-sink, keeping each direction's byte order, so that
the cost of round trips shows in a benchmark (bench/smtp-clients.sh, LATENCY_MS).

    python3 bench/latency-proxy.py LISTEN_PORT TARGET_PORT DELAY_MS
"""
import asyncio
import sys


async def forward(reader, writer, delay):
    """Copies reader to writer, each chunk written `delay` seconds after it was read."""
    loop = asyncio.get_running_loop()
    chunks = asyncio.Queue()

    async def deliver():
        while True:
            read_at, data = await chunks.get()
            wait = read_at + delay - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                writer.close()
                return
            writer.write(data)
            await writer.drain()

    delivering = asyncio.create_task(deliver())
    try:
        while True:
            data = await reader.read(65536)
            chunks.put_nowait((loop.time(), data))
            if not data:
                break
    except ConnectionError:
        chunks.put_nowait((loop.time(), b""))
    try:
        await delivering
    except ConnectionError:
        pass


async def main(listen_port, target_port, delay):
    async def connection(client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target_port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(forward(client_reader, server_writer, delay), forward(server_reader, client_writer, delay))

    server = await asyncio.start_server(connection, "127.0.0.1", listen_port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]) / 1000))
