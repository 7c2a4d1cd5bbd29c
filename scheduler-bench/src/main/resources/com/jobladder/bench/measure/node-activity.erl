%% Run by NodeActivity through rabbitmqctl eval (SAMPLE_MS is replaced): the node's reductions by process kind
%% (initial call), and microstate accounting (msacc) by thread type and by state, over SAMPLE_MS; then
%% the reductions of all processes (but this one) in that time.
Self = self(),
Snap = fun() -> maps:from_list([{P, R} || P <- erlang:processes(), P =/= Self, {reductions, R} <- [erlang:process_info(P, reductions)]]) end,
Kind = fun(P) -> case proc_lib:translate_initial_call(P) of {M, _, _} -> M; _ -> unknown end end,
A = Snap(),
msacc:start(SAMPLE_MS),
B = Snap(),
Threads = msacc:stats(),
Red = maps:fold(fun(P, R, Acc) -> N = R - maps:get(P, A, 0), maps:update_with(Kind(P), fun(V) -> V + N end, N, Acc) end, #{}, B),
Add = fun(K, V, M) -> maps:update_with(K, fun(X) -> X + V end, V, M) end,
{ByType, ByState} = lists:foldl(fun(T, {Ty, St}) -> C = maps:remove(sleep, maps:get(counters, T)), Busy = lists:sum(maps:values(C)), {Add(maps:get(type, T), Busy, Ty), maps:fold(Add, St, C)} end, {#{}, #{}}, Threads),
Pct = fun(M, N) -> Total = max(1, lists:sum(maps:values(M))), string:join([io_lib:format("~s ~w%", [K, round(100 * V / Total)]) || {K, V} <- lists:sublist(lists:reverse(lists:keysort(2, maps:to_list(M))), N), V * 50 >= Total], ", ") end,
lists:flatten(io_lib:format("~s|~s|~s|~w", [Pct(Red, 6), Pct(ByType, 4), Pct(ByState, 5), lists:sum(maps:values(Red))])).
