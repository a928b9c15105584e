"""The same M/M/c queue in SimPy and in Ciw, for benchmarks/simulation.sh. Prints one JSON
object: mean wait in queue, probability of waiting, customers and customers per second.

With --patience (Ciw only): M/M/c+M, callers who hang up after an exponential patience with
that mean (Ciw's reneging), and the figures `loket queue --patience --json` prints: abandoned
share, mean wait of the answered and the service level within --within (share of ALL callers
answered within it)."""
import argparse
import json
import random
import time


def simpy_mmc(lam, mu, c, customers, warmup, seed):
    import simpy

    rng = random.Random(seed)
    env = simpy.Environment()
    counters = simpy.Resource(env, capacity=c)
    waits = []

    def customer(index):
        arrived = env.now
        with counters.request() as request:
            yield request
            if index >= warmup:
                waits.append(env.now - arrived)
            yield env.timeout(rng.expovariate(mu))

    def source():
        for index in range(customers + warmup):
            env.process(customer(index))
            yield env.timeout(rng.expovariate(lam))

    env.process(source())
    env.run()
    return waits


def ciw_mmc(lam, mu, c, customers, warmup, seed):
    import ciw

    ciw.seed(seed)
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=lam)],
        service_distributions=[ciw.dists.Exponential(rate=mu)],
        number_of_servers=[c],
    )
    simulation = ciw.Simulation(network)
    simulation.simulate_until_max_customers(customers + warmup, method="Finish")
    records = sorted(simulation.get_all_records(), key=lambda r: r.arrival_date)
    return [r.waiting_time for r in records[warmup:]]


def ciw_mmcm(lam, mu, c, patience, customers, warmup, seed, within):
    import ciw

    ciw.seed(seed)
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=lam)],
        service_distributions=[ciw.dists.Exponential(rate=mu)],
        number_of_servers=[c],
        reneging_time_distributions=[ciw.dists.Exponential(rate=1 / patience)],
    )
    simulation = ciw.Simulation(network)
    simulation.simulate_until_max_customers(customers + warmup, method="Finish")
    records = sorted(simulation.get_all_records(), key=lambda r: r.arrival_date)[warmup:]
    answered = [r.waiting_time for r in records if r.record_type == "service"]
    return {
        "probabilityOfWaiting": sum(1 for r in records if r.record_type == "renege" or r.waiting_time > 0) / len(records),
        "abandonedShare": 1 - len(answered) / len(records),
        "meanWaitOfAnswered": sum(answered) / len(answered),
        "serviceLevel": sum(1 for w in answered if w <= within) / len(records),
        "customers": len(records),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("engine", choices=["simpy", "ciw"])
    parser.add_argument("--arrival-rate", type=float, required=True)
    parser.add_argument("--service-rate", type=float, required=True)
    parser.add_argument("--servers", type=int, required=True)
    parser.add_argument("--customers", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--patience", type=float, help="mean patience: M/M/c+M (ciw only)")
    parser.add_argument("--within", type=float, default=0.0, help="answering time for the service level")
    args = parser.parse_args()
    warmup = min(args.customers // 10, 100_000)
    if args.patience is not None:
        if args.engine != "ciw":
            parser.error("--patience needs the ciw engine")
        start = time.perf_counter()
        result = ciw_mmcm(args.arrival_rate, args.service_rate, args.servers, args.patience, args.customers, warmup,
                          args.seed, args.within)
        result["customersPerSecond"] = (args.customers + warmup) / (time.perf_counter() - start)
        print(json.dumps(result))
        return
    run = simpy_mmc if args.engine == "simpy" else ciw_mmc
    start = time.perf_counter()
    waits = run(args.arrival_rate, args.service_rate, args.servers, args.customers, warmup, args.seed)
    elapsed = time.perf_counter() - start
    print(json.dumps({
        "meanWaitInQueue": sum(waits) / len(waits),
        "probabilityOfWaiting": sum(1 for w in waits if w > 0) / len(waits),
        "customers": len(waits),
        "customersPerSecond": (args.customers + warmup) / elapsed,
    }))


if __name__ == "__main__":
    main()
